import { createHmac } from 'node:crypto';

/** Standard Webhooks writes symmetric secrets as `whsec_` followed by the base64 of the key bytes. */
const SECRET_PREFIX = 'whsec_';

/**
 * The `webhook-signature` of Standard Webhooks' symmetric scheme: `v1,` and the base64 HMAC-SHA256, keyed with the
 * secret's decoded bytes, of `{webhook-id}.{webhook-timestamp}.{body}`. Signing id and timestamp with the body is
 * what lets a receiver refuse a replayed or re-dated request.
 */
export function signStandardWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`;
}

/** The three headers a Standard Webhooks request carries, for a body sent at `at`. */
export function standardWebhookHeaders(secret: string, id: string, at: Date, body: string): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  const timestamp = Math.floor(at.getTime() / 1000);
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signStandardWebhook(secret, id, timestamp, body) };
}
