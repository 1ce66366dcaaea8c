import type { ItsmDialect } from './dialect';
import { ItsmAdapterError } from './itsm-adapter.error';

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
    throw new ItsmAdapterError('malformed_json', `the body is not JSON: ${(error as Error).message}`, { retriable: false, cause: error });
  }
}
