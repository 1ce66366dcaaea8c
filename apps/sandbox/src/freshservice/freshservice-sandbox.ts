import { HttpException, HttpStatus } from '@nestjs/common';
import { NamedStandIns, VendorGate, basicAccount } from '../stand-in-kit';
import { FreshserviceAgent, FreshserviceCall, FreshserviceSite, FreshserviceSiteOptions } from './freshservice-site';

export const FRESHSERVICE_SANDBOX = Symbol('FreshserviceSandbox');

/** How Freshservice's API v2 takes a call: Basic auth, the API key as the user and "X" as the password; `{ code }` refusals. */
const API_V2: VendorGate<FreshserviceSite, FreshserviceAgent, FreshserviceCall> = {
  authenticate: (site, authorization) => basicAccount(authorization, site.options.agents, (agent) => ({ user: agent.apiKey, password: 'X' })),
  record: ({ method, resource, body }, agent, status) => ({ method, path: resource, agentId: agent?.id, status, body }),
  noSuchStandIn: () => new HttpException({ code: 'account_not_found' }, HttpStatus.NOT_FOUND),
  unauthenticated: () => new HttpException({ code: 'invalid_credentials', message: 'You have to be logged in to perform this action.' }, HttpStatus.UNAUTHORIZED),
  failure: (status) => new HttpException({ code: 'sandbox_failure', message: 'sandbox failure on demand' }, status),
};

/** The Freshservice accounts the sandbox plays, by name (one per client company). */
export class FreshserviceSandbox extends NamedStandIns<FreshserviceSiteOptions, FreshserviceSite, FreshserviceAgent, FreshserviceCall> {
  constructor() {
    super('Freshservice account', (options) => new FreshserviceSite(options), API_V2);
  }
}
