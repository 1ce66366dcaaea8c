import { createHmac } from 'node:crypto';

/** Standard Webhooks writes symmetric secrets as `whsec_` followed by the base64 of the key bytes. */
const SECRET_PREFIX = 'whsec_';

/**
 * The `webhook-signature` of Standard Webhooks' symmetric scheme: `v1,` and the base64 HMAC-SHA256, keyed with the
 * secret's decoded bytes, of `{webhook-id}.{webhook-timestamp}.{body}`. Signing id and timestamp with the body is
 * what lets a receiver refuse a replayed or re-dated request.
 */
export function signStandardWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  const key = standardWebhookKey(secret);
  return `v1,${createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`;
}

/**
 * The key bytes of a `whsec_…` secret. Strict: Node's base64 decoder skips characters it does not know, which
 * would sign with a shorter key than the receiver holds, every signature then failing with no hint why.
 */
export function standardWebhookKey(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  if (encoded === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || encoded.length % 4 !== 0) {
    throw new Error('the Standard Webhooks signing secret is not whsec_ followed by base64 (its value is not shown)');
  }
  return Buffer.from(encoded, 'base64');
}

/** The three headers a Standard Webhooks request carries, for a body sent at `at`. */
export function standardWebhookHeaders(secret: string, id: string, at: Date, body: string): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  const timestamp = Math.floor(at.getTime() / 1000);
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signStandardWebhook(secret, id, timestamp, body) };
}
