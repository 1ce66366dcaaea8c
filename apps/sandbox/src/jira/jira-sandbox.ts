import { JiraSite, JiraSiteOptions } from './jira-site';

export const JIRA_SANDBOX = Symbol('JiraSandbox');

/** The Jira Cloud sites the sandbox plays, by name (one per client company). */
export class JiraSandbox {
  readonly sites = new Map<string, JiraSite>();

  add(options: JiraSiteOptions): JiraSite {
    const site = new JiraSite(options);
    this.sites.set(options.name, site);
    return site;
  }

  site(name: string): JiraSite {
    const site = this.sites.get(name);
    if (!site) throw new Error(`no sandbox Jira site "${name}"`);
    return site;
  }
}
