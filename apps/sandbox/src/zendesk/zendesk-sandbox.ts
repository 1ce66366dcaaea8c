import { HttpException, HttpStatus } from '@nestjs/common';
import { NamedStandIns, VendorGate, basicAccount } from '../stand-in-kit';
import { ZendeskCall, ZendeskSite, ZendeskSiteOptions, ZendeskUser } from './zendesk-site';

export const ZENDESK_SANDBOX = Symbol('ZendeskSandbox');

/** How Zendesk's API takes a call: Basic auth as `{email}/token` and the API token, refusals as `{ error }`. */
const TICKETS_API: VendorGate<ZendeskSite, ZendeskUser, ZendeskCall> = {
  authenticate: (site, authorization) => basicAccount(authorization, site.options.users, (user) => ({ user: `${user.email}/token`, password: user.apiToken })),
  record: ({ method, resource, body }, user, status) => ({ method, path: resource, userId: user?.id, status, body }),
  noSuchStandIn: () => new HttpException({ error: 'NoSuchAccount' }, HttpStatus.NOT_FOUND),
  unauthenticated: () => new HttpException({ error: "Couldn't authenticate you" }, HttpStatus.UNAUTHORIZED),
  failure: (status) => new HttpException({ error: 'SandboxFailure', description: 'sandbox failure on demand' }, status),
};

/** The Zendesk accounts the sandbox plays, by name (one per client company). */
export class ZendeskSandbox extends NamedStandIns<ZendeskSiteOptions, ZendeskSite, ZendeskUser, ZendeskCall> {
  constructor() {
    super('Zendesk account', (options) => new ZendeskSite(options), TICKETS_API);
  }
}
