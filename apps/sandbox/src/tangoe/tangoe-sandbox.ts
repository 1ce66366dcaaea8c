import { ActivitiesService } from './api/activities.service';
import { Activity, ActivityStore } from './store/activity-store';
import { AccessTokens } from './api/access-tokens';
import { ApiAuthenticator } from './api/api-authenticator';
import { ApiUser, DEFAULT_API_USERS } from './store/api-user';
import { Clock, systemClock } from './store/clock';
import { FaultInjector } from './controls/fault-injector';
import { GetRateLimiter } from './api/get-rate-limiter';
import { MAX_PER_PAGE } from './api/list-query';
import type { Person } from './store/people';
import type { RecordedRequest } from './controls/request-log';
import { SpecialistService } from './specialist/specialist.service';
import type { SupportRequest } from './store/support-request';
import { SupportRequestsService } from './api/support-requests.service';
import { TangoeStore } from './store/tangoe-store';
import { PushEvent, PushRecord, WebhookPusher, WebhookTarget } from './api/webhook-pusher';

export type { RecordedRequest } from './controls/request-log';

export interface TangoeSandboxOptions {
  /** The API users (token → name, company); the demo user when none are given. */
  apiUsers?: ApiUser[];
  /** The directory `employee_id` is looked up in; made-up people when none are given. */
  people?: Person[];
  /** Accepted GETs per API user per window (Tangoe: 100 per minute). */
  getsPerMinute?: number;
  rateWindowMs?: number;
  /** Signs the v2 JWTs. */
  jwtSecret?: string;
  /** `X-Sandbox-Admin` of the specialist and control API. */
  adminToken?: string;
  /** The sandbox's clock: timestamps, token expiry, the rate window. */
  now?: Clock;
  /** Seeds the fault PRNG, so a run's faults repeat. */
  seed?: number;
  tokenTtlSeconds?: number;
  maxPerPage?: number;
}

/**
 * Everything the sandbox Tangoe knows and does, independent of HTTP: the controllers expose it as Tangoe's API and
 * the specialist's side; tests drive and inspect it directly (store, request log, pushes, faults).
 */
export class TangoeSandbox {
  readonly store: TangoeStore;
  /** Activities (orders; apps/sandbox/README.md, "Activities"). */
  readonly activityStore: ActivityStore;
  readonly activities: ActivitiesService;
  readonly limiter: GetRateLimiter;
  readonly faults: FaultInjector;
  readonly tokens: AccessTokens;
  readonly authenticator: ApiAuthenticator;
  readonly pusher: WebhookPusher;
  /** Tangoe's API as an API user sees it. */
  readonly api: SupportRequestsService;
  /** The Account Specialist's actions. */
  readonly specialist: SpecialistService;
  /** Every request Tangoe's API received, in order of arrival. */
  readonly requests: RecordedRequest[] = [];
  /** Mutable: tests may add users while the sandbox runs. */
  readonly apiUsers: ApiUser[];
  readonly adminToken: string;
  readonly now: Clock;

  constructor(options: TangoeSandboxOptions = {}) {
    this.now = options.now ?? systemClock;
    this.apiUsers = [...(options.apiUsers ?? DEFAULT_API_USERS)];
    this.adminToken = options.adminToken ?? 'sandbox-admin';
    this.store = new TangoeStore(this.now, options.people);
    this.limiter = new GetRateLimiter(options.getsPerMinute ?? 100, options.rateWindowMs ?? 60_000);
    this.faults = new FaultInjector(options.seed);
    this.tokens = new AccessTokens(this.apiUsers, options.jwtSecret ?? 'sandbox-jwt-secret', this.now, options.tokenTtlSeconds);
    this.authenticator = new ApiAuthenticator(this.apiUsers, this.tokens);
    this.pusher = new WebhookPusher(this.now);
    const notify = (request: SupportRequest, event: PushEvent) => void this.notify(request, event);
    this.api = new SupportRequestsService(this.store, notify, options.maxPerPage ?? MAX_PER_PAGE);
    this.specialist = new SpecialistService(this.store, notify);
    this.activityStore = new ActivityStore(this.now, options.people);
    this.activities = new ActivitiesService(this.activityStore, (activity) => void this.notifyActivity(activity), options.maxPerPage ?? MAX_PER_PAGE);
  }

  /** Where Tangoe pushes its updates, per company. */
  get webhooks(): Map<string, WebhookTarget> {
    return this.pusher.webhooks;
  }

  /** Pushes sent or dropped, for tests. */
  get pushes(): PushRecord[] {
    return this.pusher.pushes;
  }

  /** Loses every push on purpose, so the bridge's poll has to find the change. */
  get dropPushes(): boolean {
    return this.pusher.dropAll;
  }

  set dropPushes(drop: boolean) {
    this.pusher.dropAll = drop;
  }

  /** Pushes the request as it is now to its company's webhook, if one is set. */
  notify(request: SupportRequest, event: PushEvent): PushRecord | undefined {
    return this.pusher.push(request.company, event, request.id, this.store.present(request));
  }

  /** Option 3: the activity as it is now to its company's activity webhook, if one is set. */
  notifyActivity(activity: Activity): PushRecord | undefined {
    return this.pusher.pushActivity(activity.company, activity.id, this.activityStore.present(activity));
  }

  /** What a company's API users created: the counts tests compare with what the bridge was given. */
  supportRequestsOf(company: string): SupportRequest[] {
    return this.store.list(company);
  }

  /** Accepted GETs of one API user in the busiest window of this length: must never exceed the limit. */
  maxGetsInAnyWindow(apiUser: string, windowMs = this.limiter.windowMs): number {
    return this.limiter.maxInAnyWindow(apiUser, windowMs);
  }

  /** The requests of one API user, to count effects: `requestsOf('acme-api').filter((r) => r.method === 'POST')`. */
  requestsOf(apiUser: string): RecordedRequest[] {
    return this.requests.filter((request) => request.apiUser === apiUser);
  }
}
