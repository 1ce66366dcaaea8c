import { createHmac } from 'node:crypto';
import { constantTimeEquals } from './constant-time';

/** How one sender proves itself, with its secrets already read from the environment. */
export type InboundCredentials =
  | {
      type: 'hmac';
      secret: string;
      header: string;
      /** How the signature is written: hex (with or without "sha256="), or base64 as Zendesk's. */
      encoding?: 'hex' | 'base64';
      /** A header whose value is signed before the body (Zendesk's `X-Zendesk-Webhook-Signature-Timestamp`). */
      timestampHeader?: string;
    }
  | { type: 'basic'; username: string; password: string }
  | { type: 'bearer'; token: string };

export type AuthOutcome = { ok: true } | { ok: false; reason: string };

/**
 * Verifies a webhook's credentials against the raw body. The reasons say what was missing or wrong in general
 * terms only: never which part of a secret matched.
 */
export function verifyInbound(credentials: InboundCredentials, headers: Record<string, string | string[] | undefined>, rawBody: Buffer): AuthOutcome {
  switch (credentials.type) {
    case 'hmac': {
      const presented = header(headers, credentials.header);
      if (!presented) return { ok: false, reason: `missing ${credentials.header} header` };
      const timestamp = credentials.timestampHeader ? header(headers, credentials.timestampHeader) : '';
      if (timestamp === undefined) return { ok: false, reason: `missing ${credentials.timestampHeader} header` };
      const expected = signature(credentials.secret, rawBody, credentials.encoding ?? 'hex', timestamp);
      const given = credentials.encoding === 'base64' ? presented.trim() : presented.replace(/^sha256=/i, '').toLowerCase();
      return constantTimeEquals(given, expected) ? { ok: true } : { ok: false, reason: 'signature does not match the body' };
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

/** Zendesk's webhook signature: base64 of HMAC-SHA256 over the timestamp header's value followed by the body. */
export function signZendeskStyle(secret: string, rawBody: Buffer | string, timestamp: string): string {
  return signature(secret, rawBody, 'base64', timestamp);
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
