import type { DeliveryPolicy } from './delivery-policy';
import { WebhookSender } from './webhook-sender';

/** A call a stand-in's API received, with the status it was answered with. */
export interface AnsweredCall {
  status: number;
}

/**
 * A storm on demand: the next `remaining` authenticated calls (of `method` only, when one is named) are answered
 * with `status` instead of being handled, in the vendor's own words for an answer of that status.
 */
export interface FailuresOnDemand {
  status: number;
  remaining: number;
  method?: string;
}

/**
 * What every ITSM stand-in has, whatever its vendor: the calls its API received, the fault hooks tests set, and its
 * webhook, delivered as the vendor documents (`DeliveryPolicy`) over a network whose faults tests set too. The
 * records, the calls' shape and the webhook's body are each vendor's own.
 */
export abstract class ItsmStandIn<Call extends AnsweredCall> {
  /** Every call received, in order of arrival, with the status it was answered with. */
  readonly calls: Call[] = [];
  /** Set by a test: a storm of answers with this status (503s, 400s, a 410). */
  failures: FailuresOnDemand | undefined;
  /**
   * Set by a test: the next `remaining` calls are handled as usual, and their answer is padded with `bytes` of
   * whitespace after the JSON (still valid): an ITSM answering far more than anyone should read.
   */
  oversizedAnswers: { bytes: number; remaining: number } | undefined;
  /** Slows every answer down, for timeouts. */
  latencyMs = 0;
  /** Called as a call arrives, before it is read or answered: tests use it to crash the caller before any effect. */
  onCall?: (method: string, resource: string) => void;
  /** The webhook's deliveries: `webhookNetwork.faults` loses, doubles or delays some, as a network would. */
  readonly webhookNetwork: WebhookSender;

  protected constructor(delivery: DeliveryPolicy) {
    this.webhookNetwork = new WebhookSender(delivery);
  }

  /** Deliveries the ITSM gave up on or never sent, with why. */
  get webhookFailures(): string[] {
    return this.webhookNetwork.failures;
  }

  /** Deliveries not yet answered or given up: zero once the ITSM has nothing more to send. */
  pendingWebhooks(): number {
    return this.webhookNetwork.pending();
  }

  /** The padding an oversized answer adds to this call's answer, counted off; undefined when none is due. */
  takeOversizedAnswer(): number | undefined {
    const oversized = this.oversizedAnswers;
    if (!oversized || oversized.remaining <= 0) return undefined;
    oversized.remaining -= 1;
    return oversized.bytes;
  }

  /** The status a failure on demand answers this call with, counted off; undefined when none is due. */
  takeFailure(method: string): number | undefined {
    const failures = this.failures;
    if (!failures || failures.remaining <= 0 || (failures.method ?? method) !== method) return undefined;
    failures.remaining -= 1;
    return failures.status;
  }
}
