import { HttpException, HttpStatus } from '@nestjs/common';
import { NamedStandIns, VendorGate, basicAccount } from '../stand-in-kit';
import { JiraAccount, JiraCall, JiraSite, JiraSiteOptions } from './jira-site';

export const JIRA_SANDBOX = Symbol('JiraSandbox');

/** How Jira Cloud's API takes a call: Basic auth with an account's email and API token, refusals as `errorMessages`. */
const JIRA_API: VendorGate<JiraSite, JiraAccount, JiraCall> = {
  authenticate: (site, authorization) => basicAccount(authorization, site.options.accounts, (account) => ({ user: account.email, password: account.apiToken })),
  record: ({ method, resource, body, webhookId }, account, status) => ({ method, path: resource, accountId: account?.accountId, status, body, webhookId }),
  noSuchStandIn: (name) => new HttpException({ errorMessages: [`no site ${name}`] }, HttpStatus.NOT_FOUND),
  unauthenticated: () => new HttpException({ errorMessages: ['Client must be authenticated to access this resource.'] }, HttpStatus.UNAUTHORIZED),
  failure: (status) => new HttpException({ errorMessages: ['sandbox failure on demand'] }, status),
};

/** The Jira Cloud sites the sandbox plays, by name (one per client company). */
export class JiraSandbox extends NamedStandIns<JiraSiteOptions, JiraSite, JiraAccount, JiraCall> {
  constructor() {
    super('Jira site', (options) => new JiraSite(options), JIRA_API);
  }
}
