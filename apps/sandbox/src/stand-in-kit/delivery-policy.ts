/** How one attempt to deliver a webhook ended, as the sending ITSM sees it. */
export interface AttemptOutcome {
  /** 1 for the first attempt. */
  number: number;
  status?: number;
  /** The receiver's `Retry-After`, in seconds, when it sent one as a number. */
  retryAfterSeconds?: number;
  /** No answer within the vendor's timeout. */
  timedOut: boolean;
  /** No answer at all: the connection was refused or cut. */
  unreachable: boolean;
}

/**
 * What an ITSM does with its own webhook, as its vendor documents it (each policy cites where): how long it waits
 * for an answer, which answers it tries again and when, what it adds to the request, and whether it sends at all
 * right now. Where a vendor documents nothing, the policy takes the harsher reading: no retry.
 */
export interface DeliveryPolicy {
  readonly name: string;
  readonly timeoutMs: number;
  /** The vendor's own headers on an attempt of the delivery `id` (Jira's identifier, the same on every retry). */
  headers(delivery: { id: string; attempt: number }): Record<string, string>;
  /** After an attempt that was not a 2xx: milliseconds until the next, or undefined when the vendor gives up. */
  nextAttemptInMs(outcome: AttemptOutcome): number | undefined;
  /** Whether the vendor sends now; what it does not send is dropped, as a tripped circuit breaker drops it. */
  admit?(now: number): boolean;
  /** Every attempt's outcome, for a policy that keeps statistics (a circuit breaker). */
  record?(outcome: AttemptOutcome, now: number): void;
}

/**
 * One attempt, no retry. ServiceNow's business rule posts with `RESTMessageV2.executeAsync()`, which has no retry of
 * its own (docs/itsm/servicenow.md, "How ServiceNow delivers", quotes ServiceNow's docs). Freshservice documents no
 * retry of a workflow's webhook (docs/itsm/freshservice.md, "Delivery"), nor BMC an AR System webhook's
 * (docs/itsm/bmc-helix.md): the harsher reading, once.
 */
export const ONCE: DeliveryPolicy = {
  name: 'once',
  timeoutMs: 10_000,
  headers: () => ({}),
  nextAttemptInMs: () => undefined,
};
