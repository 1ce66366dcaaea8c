import { createHmac, randomUUID } from 'node:crypto';
import type { Clock } from '../store/clock';

/** The updates Tangoe sends back (seed 000); their names and shape are the bridge's assumption (docs/adr/0008). */
export const PUSH_EVENTS = ['support_request.state_changed', 'support_request.interaction_created', 'support_request.reassigned'] as const;
export type PushEvent = (typeof PUSH_EVENTS)[number];
/** Option 3 of seed 001 (docs/adr/0009): Tangoe's workflow pushes an activity on each of its four states. */
export const ACTIVITY_PUSH_EVENT = 'activity.state_changed';

export interface WebhookTarget {
  url: string;
  secret: string;
  /** Lose this company's pushes on purpose ("push lost"), so only the bridge's poll can find the change. */
  drop?: boolean;
}

/** Option 3's target (docs/adr/0009): an endpoint of the client's, with the URL, user name and password it gives. */
export interface ActivityWebhookTarget {
  url: string;
  username: string;
  password: string;
  drop?: boolean;
}

export interface PushRecord {
  id: string;
  at: string;
  company: string;
  event: PushEvent | typeof ACTIVITY_PUSH_EVENT;
  supportRequestId?: number;
  activityId?: number;
  dropped: boolean;
  /** The receiver's answer; 0 when it could not be reached; undefined while in flight or when dropped. */
  status?: number;
  error?: string;
}

/** `X-Tangoe-Signature`: HMAC-SHA256 of the raw body with the company's secret, hex. */
export function signPush(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * Tangoe's workflow engine pushing updates to the company's webhook: asynchronous, one attempt each (the bridge's
 * poll is the safety net), every push recorded, dropped ones included.
 */
export class WebhookPusher {
  readonly webhooks = new Map<string, WebhookTarget>();
  readonly activityWebhooks = new Map<string, ActivityWebhookTarget>();
  readonly pushes: PushRecord[] = [];
  /** Lose every push. */
  dropAll = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly now: Clock,
    private readonly timeoutMs = 10_000,
  ) {}

  push(company: string, event: PushEvent, supportRequestId: number, supportRequest: Record<string, unknown>): PushRecord | undefined {
    const target = this.webhooks.get(company);
    if (!target) return undefined;
    const occurredAt = this.now().toISOString();
    const record: PushRecord = { id: randomUUID(), at: occurredAt, company, event, supportRequestId, dropped: this.dropAll || target.drop === true };
    this.pushes.push(record);
    if (record.dropped) return record;
    // The body is taken now: a later change must not leak into an earlier push.
    const body = JSON.stringify({ event, occurred_at: occurredAt, support_request: supportRequest });
    this.send(record, target.url, { 'x-tangoe-signature': signPush(body, target.secret) }, body);
    return record;
  }

  /** An activity as it is now, to the company's activity webhook with Basic auth, if one is set. */
  pushActivity(company: string, activityId: number, activity: Record<string, unknown>): PushRecord | undefined {
    const target = this.activityWebhooks.get(company);
    if (!target) return undefined;
    const occurredAt = this.now().toISOString();
    const record: PushRecord = { id: randomUUID(), at: occurredAt, company, event: ACTIVITY_PUSH_EVENT, activityId, dropped: this.dropAll || target.drop === true };
    this.pushes.push(record);
    if (record.dropped) return record;
    const body = JSON.stringify({ event: ACTIVITY_PUSH_EVENT, occurred_at: occurredAt, activity });
    const credentials = Buffer.from(`${target.username}:${target.password}`).toString('base64');
    this.send(record, target.url, { authorization: `Basic ${credentials}` }, body);
    return record;
  }

  private send(record: PushRecord, url: string, auth: Record<string, string>, body: string): void {
    const headers = { 'content-type': 'application/json', ...auth, 'x-tangoe-event': record.event, 'x-tangoe-delivery': record.id };
    const sending: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(this.timeoutMs) }))
      .then(async (response) => {
        record.status = response.status;
        await response.body?.cancel();
      })
      .catch((error: unknown) => {
        record.status = 0;
        record.error = (error as Error).message;
      })
      .finally(() => this.inFlight.delete(sending));
    this.inFlight.add(sending);
  }

  /** Resolves once every push sent so far has its answer. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }
}
