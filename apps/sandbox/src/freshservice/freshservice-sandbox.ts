import { FreshserviceSite, FreshserviceSiteOptions } from './freshservice-site';

export const FRESHSERVICE_SANDBOX = Symbol('FreshserviceSandbox');

/** The Freshservice accounts the sandbox plays, by name (one per client company). */
export class FreshserviceSandbox {
  readonly sites = new Map<string, FreshserviceSite>();

  add(options: FreshserviceSiteOptions): FreshserviceSite {
    const site = new FreshserviceSite(options);
    this.sites.set(options.name, site);
    return site;
  }

  site(name: string): FreshserviceSite {
    const site = this.sites.get(name);
    if (!site) throw new Error(`no sandbox Freshservice account "${name}"`);
    return site;
  }
}
