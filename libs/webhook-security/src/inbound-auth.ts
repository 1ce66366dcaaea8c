import { createHmac, timingSafeEqual } from 'node:crypto';
import { constantTimeEquals } from './constant-time';

/** How one sender proves itself, with its secrets already read from the environment. */
export type InboundCredentials =
  | {
      type: 'hmac';
      secret: string;
      header: string;
      /**
       * How this sender writes its MAC (for `credentialHeaders`): hex after "sha256=" (Jira's X-Hub-Signature), or
       * Base64 (ServiceNow's `generateMac`, Zendesk). Verification accepts either, with or without "sha256=".
       */
      encoding?: 'hex' | 'base64';
      /** A header whose value is signed before the body (Zendesk's `X-Zendesk-Webhook-Signature-Timestamp`). */
      timestampHeader?: string;
    }
  | { type: 'basic'; username: string; password: string }
  | { type: 'bearer'; token: string };

export type AuthOutcome = { ok: true } | { ok: false; reason: string };

/**
 * How far a signed timestamp may be from the bridge's clock, either way. A signature over a timestamp proves when
 * the sender signed; a copy of a signed webhook replayed later carries its old timestamp and is refused. Five
 * minutes, as Standard Webhooks and Stripe advise: room for clocks apart and a sender's quick retries.
 */
export const SIGNED_TIMESTAMP_TOLERANCE_MS = 5 * 60_000;

/**
 * Verifies a webhook's credentials against the raw body. The reasons say what was missing or wrong in general
 * terms only: never which part of a secret matched.
 */
export function verifyInbound(credentials: InboundCredentials, headers: Record<string, string | string[] | undefined>, rawBody: Buffer, now = Date.now()): AuthOutcome {
  switch (credentials.type) {
    case 'hmac': {
      const presented = header(headers, credentials.header);
      if (!presented) return { ok: false, reason: `missing ${credentials.header} header` };
      const timestamp = credentials.timestampHeader ? header(headers, credentials.timestampHeader) : '';
      if (timestamp === undefined) return { ok: false, reason: `missing ${credentials.timestampHeader} header` };
      const given = presentedMac(presented);
      if (!given) return { ok: false, reason: `${credentials.header} is not an HMAC-SHA256 in hex or Base64` };
      const expected = createHmac('sha256', credentials.secret).update(timestamp).update(rawBody).digest();
      if (!timingSafeEqual(given, expected)) return { ok: false, reason: 'signature does not match the body' };
      // Checked once the signature holds: only the sender can have chosen the timestamp.
      return credentials.timestampHeader ? withinReplayWindow(credentials.timestampHeader, timestamp, now) : { ok: true };
    }
    case 'basic': {
      const presented = header(headers, 'authorization');
      const match = presented ? /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(presented) : null;
      if (!match) return { ok: false, reason: 'missing Basic authorization' };
      const decoded = Buffer.from(match[1], 'base64').toString('utf8');
      const separator = decoded.indexOf(':');
      const userOk = constantTimeEquals(separator >= 0 ? decoded.slice(0, separator) : decoded, credentials.username);
      const passwordOk = constantTimeEquals(separator >= 0 ? decoded.slice(separator + 1) : '', credentials.password);
      return userOk && passwordOk ? { ok: true } : { ok: false, reason: 'wrong username or password' };
    }
    case 'bearer': {
      const presented = header(headers, 'authorization');
      const match = presented ? /^Bearer\s+(\S+)$/i.exec(presented) : null;
      if (!match) return { ok: false, reason: 'missing Bearer authorization' };
      return constantTimeEquals(match[1], credentials.token) ? { ok: true } : { ok: false, reason: 'wrong bearer token' };
    }
    default:
      return assertUnreachable(credentials);
  }
}

function withinReplayWindow(name: string, value: string, now: number): AuthOutcome {
  const at = signedTime(value);
  if (at === undefined) return { ok: false, reason: `${name} is not a time (ISO 8601 or Unix seconds)` };
  if (Math.abs(now - at) > SIGNED_TIMESTAMP_TOLERANCE_MS) {
    return { ok: false, reason: `${name} is more than ${SIGNED_TIMESTAMP_TOLERANCE_MS / 60_000} minutes from now: a replayed webhook, or the sender's clock is wrong` };
  }
  return { ok: true };
}

/** Zendesk writes ISO 8601 (`2026-12-02T10:00:00Z`); Standard Webhooks and others, Unix seconds. */
function signedTime(value: string): number | undefined {
  const text = value.trim();
  if (/^\d{1,12}$/.test(text)) return Number(text) * 1000;
  if (!/^\d{4}-\d\d-\d\dT/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : at;
}

/** Signs a body the way `verifyInbound` checks an hmac sender: for tests, the sandbox and the CLI. */
export function signBody(secret: string, rawBody: Buffer | string): string {
  return `sha256=${signature(secret, rawBody, 'hex', '')}`;
}

/**
 * The headers a sender with these credentials puts on a body, exactly what `verifyInbound` accepts: the inverse of
 * it, for tests that speak as any configured ITSM without knowing which one it is.
 */
export function credentialHeaders(credentials: InboundCredentials, rawBody: Buffer | string, timestamp = new Date().toISOString()): Record<string, string> {
  switch (credentials.type) {
    case 'hmac': {
      const signedPrefix = credentials.timestampHeader ? timestamp : '';
      const encoding = credentials.encoding ?? 'hex';
      const value = signature(credentials.secret, rawBody, encoding, signedPrefix);
      return {
        [credentials.header.toLowerCase()]: encoding === 'hex' ? `sha256=${value}` : value,
        ...(credentials.timestampHeader ? { [credentials.timestampHeader.toLowerCase()]: timestamp } : {}),
      };
    }
    case 'basic':
      return { authorization: `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}` };
    case 'bearer':
      return { authorization: `Bearer ${credentials.token}` };
    default:
      return assertUnreachable(credentials);
  }
}

/**
 * What the documented ServiceNow business rule sends (docs/itsm/servicenow.md): `GlideCertificateEncryption.generateMac`
 * takes its key Base64-encoded and returns the HMAC in Base64, and the script writes it after "sha256=". The key
 * is the secret's own bytes, since the script encodes the secret with `GlideStringUtil.base64Encode` before the call.
 */
export function signServiceNowStyle(secret: string, rawBody: Buffer | string): string {
  return `sha256=${signature(secret, rawBody, 'base64', '')}`;
}

/** Zendesk's webhook signature: base64 of HMAC-SHA256 over the timestamp header's value followed by the body. */
export function signZendeskStyle(secret: string, rawBody: Buffer | string, timestamp: string): string {
  return signature(secret, rawBody, 'base64', timestamp);
}

/**
 * The MAC a sender presented, as bytes: 64 hex digits or the 44-character Base64 of 32 bytes, with or without a
 * "sha256=" prefix. Senders differ (Jira writes hex after "sha256=", ServiceNow's `generateMac` returns Base64, a
 * script may add the prefix or not), and the two spellings cannot be mistaken for each other: 64 hex digits read as
 * Base64 are 48 bytes, and 43 Base64 characters and a pad are exactly 32. Anything else is no SHA-256 MAC at all.
 */
function presentedMac(value: string): Buffer | undefined {
  const mac = value.trim().replace(/^sha256=/i, '');
  if (/^[0-9a-f]{64}$/i.test(mac)) return Buffer.from(mac, 'hex');
  if (/^[A-Za-z0-9+/]{43}=$/.test(mac)) return Buffer.from(mac, 'base64');
  return undefined;
}

function signature(secret: string, rawBody: Buffer | string, encoding: 'hex' | 'base64', signedPrefix: string): string {
  return createHmac('sha256', secret).update(signedPrefix).update(rawBody).digest(encoding);
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

function assertUnreachable(value: never): never {
  throw new Error(`unknown credentials type: ${JSON.stringify((value as { type?: unknown }).type)}`);
}
