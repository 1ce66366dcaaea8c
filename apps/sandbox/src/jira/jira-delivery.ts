import type { AttemptOutcome, DeliveryPolicy } from '../stand-in-kit';

/** Answers Jira Cloud tries again (docs/itsm/jira.md, "How Jira delivers", with Atlassian's pages it reads). */
const RETRIED_STATUSES = new Set([408, 409, 425, 429]);
const MAX_RETRIES = 5;
const MINUTE = 60_000;

/**
 * Jira Cloud's webhook delivery, as docs/itsm/jira.md ("How Jira delivers") has it from Atlassian: a webhook is
 * retried when the receiver answers 408, 409, 425, 429 or any 5xx, or when the connection fails or times out; a
 * delivery may arrive more than once and up to 30 minutes late; `X-Atlassian-Webhook-Identifier` is the same on every
 * retry, and `X-Atlassian-Webhook-Retry` carries the retry's number on retries only. Up to five retries 5 to 15
 * minutes apart comes from a restatement of Atlassian's page, not its own copy; the timeout is not documented (10 s
 * here). Deliveries are independent: a retried one arrives after the ones made later, as on a real site.
 */
export function jiraDelivery(timeScale = 1): DeliveryPolicy {
  return {
    name: 'jira',
    timeoutMs: 10_000,
    headers: ({ id, attempt }) => ({ 'x-atlassian-webhook-identifier': id, 'x-atlassian-webhook-flow': 'Primary', ...(attempt > 1 ? { 'x-atlassian-webhook-retry': String(attempt - 1) } : {}) }),
    nextAttemptInMs(outcome: AttemptOutcome) {
      const retriable = outcome.timedOut || outcome.unreachable || (outcome.status !== undefined && (RETRIED_STATUSES.has(outcome.status) || outcome.status >= 500));
      if (!retriable || outcome.number > MAX_RETRIES) return undefined;
      return (5 * MINUTE + Math.random() * 10 * MINUTE) * timeScale;
    },
  };
}
