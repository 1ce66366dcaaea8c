import { NamedStandIns } from '../named-stand-ins';
import { ZendeskSite, ZendeskSiteOptions } from './zendesk-site';

export const ZENDESK_SANDBOX = Symbol('ZendeskSandbox');

/** The Zendesk accounts the sandbox plays, by name (one per client company). */
export class ZendeskSandbox extends NamedStandIns<ZendeskSiteOptions, ZendeskSite> {
  constructor() {
    super('Zendesk account', (options) => new ZendeskSite(options));
  }
}
