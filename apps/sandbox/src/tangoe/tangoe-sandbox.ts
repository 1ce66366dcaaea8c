import { createHmac } from 'node:crypto';
import { FaultInjector } from './faults';
import { GetRateLimiter } from './get-rate-limiter';
import { verifyJwt } from './sandbox-jwt';
import { ApiUser, SupportRequest, TangoeStore } from './tangoe-store';

export interface RecordedRequest {
  at: number;
  method: string;
  path: string;
  apiUser?: string;
  status: number;
}

export interface TangoeSandboxOptions {
  apiUsers?: ApiUser[];
  getsPerMinute?: number;
  rateWindowMs?: number;
  jwtSecret?: string;
  adminToken?: string;
  now?: () => Date;
}

/** Demo users; the standalone run and the tests configure their own. */
export const DEFAULT_API_USERS: ApiUser[] = [
  { name: 'demo-api', company: 'demo', apiToken: 'demo-tangoe-token', clientId: 'demo-client', clientSecret: 'demo-client-secret' },
];

/**
 * Everything the sandbox Tangoe knows and does, independent of HTTP: tests drive and inspect it directly,
 * the controllers expose it as Tangoe's API and the specialist's console.
 */
export class TangoeSandbox {
  readonly store: TangoeStore;
  readonly limiter: GetRateLimiter;
  readonly faults = new FaultInjector();
  readonly requests: RecordedRequest[] = [];
  readonly apiUsers: ApiUser[];
  readonly jwtSecret: string;
  readonly adminToken: string;
  readonly now: () => Date;
  /** Where Tangoe pushes its updates, per company; the bridge's assumption of their shape (docs/adr/0008). */
  readonly webhooks = new Map<string, { url: string; secret: string }>();
  /** Pushes sent (or dropped), for tests. */
  readonly pushes: Array<{ company: string; event: string; dropped: boolean; status?: number }> = [];
  /** Loses pushes on purpose, so the bridge's poll has to find the change. */
  dropPushes = false;

  constructor(options: TangoeSandboxOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.store = new TangoeStore(this.now);
    this.limiter = new GetRateLimiter(options.getsPerMinute ?? 100, options.rateWindowMs ?? 60_000);
    this.apiUsers = options.apiUsers ?? DEFAULT_API_USERS;
    this.jwtSecret = options.jwtSecret ?? 'sandbox-jwt-secret';
    this.adminToken = options.adminToken ?? 'sandbox-admin';
  }

  /** API-Token header, api_token query parameter, or a v2 bearer token. */
  authenticate(headers: Record<string, string | string[] | undefined>, query: Record<string, unknown>): ApiUser | undefined {
    const header = (name: string) => {
      const value = headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const token = header('api-token') ?? (typeof query.api_token === 'string' ? query.api_token : undefined);
    if (token) return this.apiUsers.find((user) => user.apiToken === token);
    const bearer = /^Bearer\s+(\S+)$/i.exec(header('authorization') ?? '')?.[1];
    if (!bearer) return undefined;
    const claims = verifyJwt(bearer, this.jwtSecret, Math.floor(this.now().getTime() / 1000));
    return claims ? this.apiUsers.find((user) => user.name === claims.sub) : undefined;
  }

  /** Pushes an update to the company's webhook, signed with its secret; asynchronous, like Tangoe's workflow engine. */
  notify(request: SupportRequest, event: 'support_request.state_changed' | 'support_request.interaction_created' | 'support_request.reassigned'): void {
    const webhook = this.webhooks.get(request.company);
    if (!webhook) return;
    const record = { company: request.company, event, dropped: this.dropPushes, status: undefined as number | undefined };
    this.pushes.push(record);
    if (this.dropPushes) return;
    const body = JSON.stringify({ event, occurred_at: this.now().toISOString(), support_request: this.store.present(request) });
    const signature = `sha256=${createHmac('sha256', webhook.secret).update(body).digest('hex')}`;
    setImmediate(() => {
      fetch(webhook.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-tangoe-signature': signature }, body })
        .then((response) => (record.status = response.status))
        .catch(() => (record.status = 0));
    });
  }

  /** What the bridge created, by company: the counts tests compare with the input. */
  supportRequestsOf(company: string) {
    return this.store.list(company);
  }

  /** Accepted GETs of one API user in the busiest window: must never exceed the limit. */
  maxGetsInAnyWindow(apiUser: string, windowMs = 60_000): number {
    return this.limiter.maxInAnyWindow(apiUser, windowMs);
  }
}
