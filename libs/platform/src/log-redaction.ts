import pino from 'pino';

export const REDACTED = '[redacted]';

/**
 * A key whose value is a credential, whatever its case or separators: `Authorization`, `clientSecret`,
 * `access_token`, `private-key`, `X-Api-Key`, `DATABASE_URL`. Matched on the key lower-cased without `-` and `_`,
 * by its ending, so `tokenUrl` (no secret) is kept and `threadToken` is not.
 */
const SECRET_KEY_ENDINGS = ['password', 'passwd', 'passphrase', 'secret', 'token', 'authorization', 'cookie', 'privatekey', 'apikey', 'databaseurl', 'credentials'];

export function isSecretKey(key: string): boolean {
  const normalized = key.toLowerCase().replace(/[-_]/g, '');
  return SECRET_KEY_ENDINGS.some((ending) => normalized.endsWith(ending));
}

/**
 * Credentials written inside text: a URL's user and password, an Authorization header's value, and a secret-named
 * field of a query string, a form or a JSON text (`?sysparm_token=…`, `client_secret=…`, `"password":"…"`), as an
 * axios error's request body and URL are.
 */
export function redactText(text: string): string {
  return text
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]*:[^\s/@]*@/gi, `$1${REDACTED}@`)
    .replace(/\b(Bearer|Basic|AR-JWT)\s+[A-Za-z0-9._~+/=-]{6,}/g, `$1 ${REDACTED}`)
    .replace(/([?&\s]|^)([A-Za-z0-9_.-]+)=([^&\s#]+)/g, (whole, before: string, key: string) => (isSecretKey(key) ? `${before}${key}=${REDACTED}` : whole))
    .replace(/"([^"\\]{1,100})"(\s*:\s*)"(?:[^"\\]|\\.)*"/g, (whole, key: string, colon: string) => (isSecretKey(key) ? `"${key}"${colon}"${REDACTED}"` : whole));
}

const MAX_DEPTH = 10;

/**
 * A copy of what a log call was given with every credential censored, at any depth and in any case. Pino's
 * `redact` takes exact paths only, and an axios error carries its request's headers at
 * `err.config.headers.Authorization`, or under whatever key the caller chose. Errors are serialized first (pino's
 * own serializer: message, stack, cause and own properties); objects of other classes are written by their
 * `toJSON` when they have one (axios's headers), else as their class name only: a `ClientRequest` or a socket
 * holds the raw request, headers and all, under keys no list could foresee.
 */
export function redactForLog(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  seen.add(value);
  try {
    if (value instanceof Error) return redactForLog(pino.stdSerializers.err(value), depth, seen);
    if (Array.isArray(value)) return value.map((item) => redactForLog(item, depth + 1, seen));
    const prototype = Object.getPrototypeOf(value) as object | null;
    if (prototype !== Object.prototype && prototype !== null && !isSerializedError(value)) {
      const toJSON = (value as { toJSON?: () => unknown }).toJSON;
      return typeof toJSON === 'function' ? redactForLog(toJSON.call(value), depth + 1, seen) : `[${value.constructor?.name ?? 'object'}]`;
    }
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) out[key] = isSecretKey(key) && child !== undefined && child !== null && child !== '' ? REDACTED : redactForLog(child, depth + 1, seen);
    return out;
  } finally {
    seen.delete(value);
  }
}

/** What pino's error serializer returns: an object of its own prototype, written as a plain one. */
function isSerializedError(value: object): boolean {
  return typeof (value as { type?: unknown }).type === 'string' && typeof (value as { stack?: unknown }).stack === 'string' && 'message' in value;
}
