import { createHmac } from 'node:crypto';

/**
 * What an ITSM's webhook does: posts the body, asynchronously, signed with HMAC-SHA256 of the exact bytes in the
 * header the ITSM uses, and notes a failed delivery for tests to see.
 */
export function postSignedWebhook(target: { url: string; secret: string }, header: string, body: string, failures: string[], label: string): void {
  const signature = `sha256=${createHmac('sha256', target.secret).update(body).digest('hex')}`;
  setImmediate(() => {
    fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json', [header]: signature }, body })
      .then((response) => {
        if (!response.ok) failures.push(`${label}: ${response.status}`);
      })
      .catch((error: unknown) => failures.push(`${label}: ${(error as Error).message}`));
  });
}
