import { exponentialBackoff } from '@bridge/messaging';
import type { ServiceSettings } from '@bridge/platform';
import type { RetrySchedule } from '@bridge/work-line';

/**
 * How the gateway tries again a call Tangoe could not answer before the ticket is parked (visible, replayable):
 * GATEWAY_MAX_RETRIES retries, doubling from GATEWAY_RETRY_INITIAL_MS up to a minute, with jitter so an outage
 * for everyone does not come back as one burst. A Retry-After from Tangoe is waited out in full.
 */
export function gatewayRetrySchedule(settings: Pick<ServiceSettings, 'GATEWAY_MAX_RETRIES' | 'GATEWAY_RETRY_INITIAL_MS'>): RetrySchedule {
  const policy = exponentialBackoff({ maxRetries: settings.GATEWAY_MAX_RETRIES, initialDelayMs: settings.GATEWAY_RETRY_INITIAL_MS, maxDelayMs: 60_000, jitter: 0.5 });
  return (failedAttempts, retryAfterMs) => (failedAttempts > policy.maxRetries ? undefined : Math.max(policy.delayMs(failedAttempts), retryAfterMs ?? 0));
}
