import { NamedStandIns } from '../named-stand-ins';
import { JiraSite, JiraSiteOptions } from './jira-site';

export const JIRA_SANDBOX = Symbol('JiraSandbox');

/** The Jira Cloud sites the sandbox plays, by name (one per client company). */
export class JiraSandbox extends NamedStandIns<JiraSiteOptions, JiraSite> {
  constructor() {
    super('Jira site', (options) => new JiraSite(options));
  }
}
