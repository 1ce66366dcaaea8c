import { parseRetryAfter } from '@bridge/contracts';

/**
 * When a failed delivery is tried again: Standard Webhooks' example schedule (spec/standard-webhooks.md,
 * "Deliverability and reliability"), each wait counted from the failure before it: immediately, 5 s, 5 min,
 * 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h, about three days in all; then it is parked. `scale` (the setting
 * DELIVERY_TIME_SCALE) shrinks it for tests (0.001 makes 5 min 300 ms). `DELIVERY_SCHEDULE_MS[n]` is the wait after the n-th failure.
 */
export const DELIVERY_SCHEDULE_MS = [0, 5_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 5 * 3_600_000, 10 * 3_600_000, 14 * 3_600_000, 20 * 3_600_000, 24 * 3_600_000];

export function nextDelayMs(failedAttempts: number, retryAfterMs: number | undefined, scale: number): number | undefined {
  if (failedAttempts >= DELIVERY_SCHEDULE_MS.length) return undefined;
  const scheduled = DELIVERY_SCHEDULE_MS[failedAttempts] * scale;
  // A Retry-After asks for at least that long; it never shortens the schedule, and is not scaled: the receiver said it.
  return Math.max(scheduled, retryAfterMs ?? 0);
}

/** 5xx, 408, 425 and 429 may pass; any other 4xx will fail the same way again, and 410 says the endpoint is gone. */
export function isRetriableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 425 || status === 429;
}

/** Standard Webhooks: 410 Gone means the receiver wants no more webhooks: stop sending to the endpoint. */
export function saysEndpointGone(status: number | undefined): boolean {
  return status === 410;
}

/**
 * Standard Webhooks: 429 (a rate limit met), 502 and 504 (a receiver under load) ask to throttle the endpoint, not
 * only the one request; so does any answer that names a Retry-After.
 */
export function asksToSlowDown(status: number | undefined, retryAfterMs: number | undefined): boolean {
  return status === 429 || status === 502 || status === 504 || retryAfterMs !== undefined;
}

/** The endpoint's own pause when the receiver names none: short, and not one ticket's growing backoff. */
export const ENDPOINT_PAUSE_MS = 5_000;

/**
 * How long the whole endpoint waits after an answer asking to slow down (the client's other tickets too): what the
 * receiver asked, else `ENDPOINT_PAUSE_MS`; undefined when the answer asks nothing. One delivery that keeps failing
 * must not hold every other ticket of the client for its 14 h or 24 h backoff.
 */
export function endpointPauseMs(status: number | undefined, retryAfterMs: number | undefined, scale: number): number | undefined {
  if (!asksToSlowDown(status, retryAfterMs)) return undefined;
  return retryAfterMs ?? ENDPOINT_PAUSE_MS * scale;
}

/**
 * Retry-After in milliseconds from `now`: delay-seconds or an HTTP date (RFC 9110 §10.2.3), at most an hour
 * (`MAX_RETRY_AFTER_MS`, docs/security.md); undefined when unreadable.
 */
export function retryAfterMsOf(header: string | undefined, now = Date.now()): number | undefined {
  return parseRetryAfter(header, now);
}
