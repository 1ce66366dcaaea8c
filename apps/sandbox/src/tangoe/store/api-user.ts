/**
 * An API user of the sandbox Tangoe ("Portal API" role): its v1 token, the company (account) it belongs to, and
 * optionally client credentials for the v2 token flow. A company sees only the support requests its API users made.
 */
export interface ApiUser {
  name: string;
  company: string;
  apiToken: string;
  clientId?: string;
  clientSecret?: string;
  /** `third_party_source` of the requests it opens (apps/sandbox/README.md, "Assumptions beyond the seeds"). */
  thirdPartySource?: string;
}

/** The demo company's user, as the standalone run's clients file (config/clients.demo.yaml) expects it. */
export const DEFAULT_API_USERS: readonly ApiUser[] = [
  { name: 'demo-api', company: 'demo', apiToken: 'demo-tangoe-token', clientId: 'demo-client', clientSecret: 'demo-client-secret', thirdPartySource: 'ServiceNow' },
];
