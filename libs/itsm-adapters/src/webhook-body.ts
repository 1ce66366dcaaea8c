import type { ItsmDialect } from './dialect';

/** A webhook body that is neither one of the dialect's documented bodies nor JSON. */
export class UnreadableBodyError extends Error {
  readonly code = 'malformed_json';
  readonly retriable = false;
}

/**
 * A webhook's body as the object it means: one of the bodies the bridge documents for this ITSM read by its
 * skeleton (whatever the vendor did or did not escape in it), else the body as JSON.
 */
export function readWebhookBody(dialect: ItsmDialect, body: string): unknown {
  for (const pasted of dialect.pastedBodies ?? []) {
    const payload = pasted.read(body);
    if (payload !== undefined) return payload;
  }
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new UnreadableBodyError(`the body is not JSON: ${(error as Error).message}`);
  }
}
