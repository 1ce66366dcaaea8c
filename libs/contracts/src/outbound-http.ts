/**
 * Bounds on what the bridge exchanges with the systems it calls (Tangoe, each client's ITSM), set on every outbound
 * HTTP client: a body larger than this is refused by axios (an error, retried or parked like any failed call),
 * never read into memory whole. A support request, an ITSM record or a page of them is a few kilobytes; a page of a
 * hundred records with long descriptions stays well under a megabyte.
 */
export const OUTBOUND_BODY_LIMIT_BYTES = 4 * 1024 * 1024;

/** axios options bounding request and response bodies; `maxRedirects: 0` stays each client's own choice. */
export const OUTBOUND_BODY_LIMITS = { maxContentLength: OUTBOUND_BODY_LIMIT_BYTES, maxBodyLength: OUTBOUND_BODY_LIMIT_BYTES } as const;

/**
 * The longest wait a `Retry-After` (or a rate-limit reset) from Tangoe or an ITSM is taken for: one hour. A longer
 * one, or a date years ahead, would otherwise stop a client's deliveries or a gateway lane for as long as the other
 * side says; after an hour the call is simply tried again and answered again.
 */
export const MAX_RETRY_AFTER_MS = 3_600_000;

/** Retry-After in milliseconds from `now`: delay-seconds or an HTTP date (RFC 9110 §10.2.3), at most MAX_RETRY_AFTER_MS. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  const seconds = Number(text);
  if (Number.isFinite(seconds)) return boundedWait(seconds * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : boundedWait(date - now);
}

export function boundedWait(ms: number): number {
  return Math.min(Math.max(0, ms), MAX_RETRY_AFTER_MS);
}
