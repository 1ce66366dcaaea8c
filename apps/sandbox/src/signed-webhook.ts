import { signBody } from '@bridge/webhook-security';

/** What an ITSM's webhook does: posts the body asynchronously, and notes a failed delivery for tests to see. */
export function postWebhook(url: string, headers: Record<string, string>, body: string, failures: string[], label: string): void {
  setImmediate(() => {
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })
      .then((response) => {
        if (!response.ok) failures.push(`${label}: ${response.status}`);
      })
      .catch((error: unknown) => failures.push(`${label}: ${(error as Error).message}`));
  });
}

/** The common signature: `sha256=<hex>` HMAC-SHA256 of the exact bytes, in the header the ITSM uses. */
export function postSignedWebhook(target: { url: string; secret: string }, header: string, body: string, failures: string[], label: string): void {
  postWebhook(target.url, { [header]: signBody(target.secret, body) }, body, failures, label);
}
