import { ZendeskSite, ZendeskSiteOptions } from './zendesk-site';

export const ZENDESK_SANDBOX = Symbol('ZendeskSandbox');

/** The Zendesk accounts the sandbox plays, by name (one per client company). */
export class ZendeskSandbox {
  readonly sites = new Map<string, ZendeskSite>();

  add(options: ZendeskSiteOptions): ZendeskSite {
    const site = new ZendeskSite(options);
    this.sites.set(options.name, site);
    return site;
  }

  site(name: string): ZendeskSite {
    const site = this.sites.get(name);
    if (!site) throw new Error(`no sandbox Zendesk account "${name}"`);
    return site;
  }
}
