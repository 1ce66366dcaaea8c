import { createHmac } from 'node:crypto';
import { constantTimeEquals } from './constant-time';

/** How one sender proves itself, with its secrets already read from the environment. */
export type InboundCredentials =
  | { type: 'hmac'; secret: string; header: string }
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
      const expected = createHmac('sha256', credentials.secret).update(rawBody).digest('hex');
      return constantTimeEquals(presented.replace(/^sha256=/i, '').toLowerCase(), expected) ? { ok: true } : { ok: false, reason: 'signature does not match the body' };
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
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

function assertUnreachable(value: never): never {
  throw new Error(`unknown credentials type: ${JSON.stringify((value as { type?: unknown }).type)}`);
}
