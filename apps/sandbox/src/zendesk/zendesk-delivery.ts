import type { AttemptOutcome, DeliveryPolicy } from '../stand-in-kit';

const SECOND = 1_000;
const WINDOW_MS = 5 * 60 * SECOND;

/**
 * Zendesk's webhook delivery, as docs/itsm/zendesk.md ("How Zendesk delivers") has it from Zendesk's page on
 * webhooks, its retry paragraphs read in two restatements of that page: a request times out after 12 s; a timeout is
 * retried up to 5 times, a 409 up to 3 times, a 429 or 503 only when its `Retry-After` is under 60 s, and nothing
 * else. When 70 % of a webhook's requests in five minutes fail (never below 100 requests), or more than 1,000 do, the
 * circuit breaker stops sending for 5 s, and what comes meanwhile is logged "circuit broken" and never sent. The pause
 * between retries is not documented: 5 s here, or the `Retry-After` asked for.
 */
export function zendeskDelivery(timeScale = 1): DeliveryPolicy {
  const outcomes: Array<{ at: number; failed: boolean }> = [];
  let openUntil = 0;
  return {
    name: 'zendesk',
    timeoutMs: 12 * SECOND,
    headers: ({ id }) => ({ 'x-zendesk-webhook-invocation-id': id }),
    nextAttemptInMs(outcome: AttemptOutcome) {
      const pause = 5 * SECOND * timeScale;
      if (outcome.timedOut) return outcome.number <= 5 ? pause : undefined;
      if (outcome.status === 409) return outcome.number <= 3 ? pause : undefined;
      // How many times is not documented: the harsher reading stops at 3, as for a 409.
      if ((outcome.status === 429 || outcome.status === 503) && outcome.retryAfterSeconds !== undefined && outcome.retryAfterSeconds < 60 && outcome.number <= 3) {
        return outcome.retryAfterSeconds * SECOND * timeScale;
      }
      return undefined;
    },
    admit: (now) => now >= openUntil,
    record(outcome, now) {
      outcomes.push({ at: now, failed: outcome.status === undefined || outcome.status >= 400 });
      while (outcomes.length > 0 && outcomes[0].at < now - WINDOW_MS * timeScale) outcomes.shift();
      const failed = outcomes.filter((entry) => entry.failed).length;
      if ((outcomes.length >= 100 && failed / outcomes.length >= 0.7) || failed > 1_000) {
        openUntil = now + 5 * SECOND * timeScale;
        outcomes.length = 0;
      }
    },
  };
}
