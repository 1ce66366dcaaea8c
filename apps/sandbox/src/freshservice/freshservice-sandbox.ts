import { NamedStandIns } from '../named-stand-ins';
import { FreshserviceSite, FreshserviceSiteOptions } from './freshservice-site';

export const FRESHSERVICE_SANDBOX = Symbol('FreshserviceSandbox');

/** The Freshservice accounts the sandbox plays, by name (one per client company). */
export class FreshserviceSandbox extends NamedStandIns<FreshserviceSiteOptions, FreshserviceSite> {
  constructor() {
    super('Freshservice account', (options) => new FreshserviceSite(options));
  }
}
