import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { constantTimeEquals } from '@bridge/webhook-security';

/** Who is signed in, until when. */
export interface OperatorSession {
  operator: string;
  expiresAt: Date;
}

/** An operator's name as the audit log writes it: printable, short; what they say of themselves, never trusted for access. */
export function operatorName(text: string): string | undefined {
  const name = text.trim().replace(/[^\x20-\x7e]/g, '').slice(0, 80);
  return name.length > 0 ? name : undefined;
}

/**
 * Signed session cookies: `<payload>.<mac>`, the payload the operator's name and an expiry, the MAC an HMAC-SHA256
 * under a key derived from ADMIN_TOKEN. Nothing is stored, so any replica of the console verifies any session, and
 * changing the token ends every session. The token itself never leaves the server. Each session also has a
 * CSRF token, derived from it, that every form carries back.
 */
export class OperatorSessions {
  private readonly key: Buffer;

  constructor(
    adminToken: string,
    private readonly lifetimeMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', adminToken, 'tangoe-itsm-bridge', 'operator console session', 32));
  }

  issue(operator: string): string {
    const payload = Buffer.from(JSON.stringify({ o: operator, e: this.now() + this.lifetimeMs, n: randomBytes(9).toString('base64url') })).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  /** The session a cookie stands for; undefined when it is missing, forged, damaged or expired. */
  verify(cookie: string | undefined): OperatorSession | undefined {
    const [payload, mac, extra] = (cookie ?? '').split('.');
    if (!payload || !mac || extra !== undefined || !constantTimeEquals(mac, this.mac(payload))) return undefined;
    try {
      const { o, e } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { o?: unknown; e?: unknown };
      if (typeof o !== 'string' || typeof e !== 'number' || e <= this.now()) return undefined;
      return { operator: o, expiresAt: new Date(e) };
    } catch {
      return undefined;
    }
  }

  /** The CSRF token of the session a cookie stands for: a form without it (another site's) is refused. */
  csrfTokenOf(cookie: string): string {
    return this.mac(`csrf:${cookie}`);
  }

  private mac(text: string): string {
    return createHmac('sha256', this.key).update(text).digest('base64url');
  }
}
