import { randomUUID } from 'node:crypto';
import { sameSecret } from '../../stand-in-kit';
import type { ApiUser } from '../store/api-user';
import type { Clock } from '../store/clock';
import { signJwt, verifyJwt } from './sandbox-jwt';

export interface AccessToken {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  expires_at: number;
}

export type TokenRequestProblem = 'invalid_request' | 'unsupported_grant_type' | 'invalid_client';

/**
 * Tangoe's v2 flow: client credentials of an API user buy a bearer JWT valid for 30 minutes, which then works as
 * that API user until it expires (by the sandbox's clock).
 */
export class AccessTokens {
  constructor(
    private readonly apiUsers: readonly ApiUser[],
    private readonly secret: string,
    private readonly now: Clock,
    readonly ttlSeconds = 30 * 60,
  ) {}

  issue(body: unknown): { token?: AccessToken; problem?: TokenRequestProblem } {
    const fields = (body ?? {}) as Record<string, unknown>;
    const { client_id: clientId, client_secret: clientSecret, subject, grant_type: grantType } = fields;
    if ([clientId, clientSecret, subject, grantType].some((value) => typeof value !== 'string')) return { problem: 'invalid_request' };
    if (grantType !== 'client_credentials') return { problem: 'unsupported_grant_type' };
    const user = this.apiUsers.find(
      (u) => u.clientId !== undefined && u.clientSecret !== undefined && sameSecret(u.clientId, clientId as string) && sameSecret(u.clientSecret, clientSecret as string),
    );
    if (!user) return { problem: 'invalid_client' };
    const issuedAt = Math.floor(this.now().getTime() / 1000);
    const expiresAt = issuedAt + this.ttlSeconds;
    const claims = { iss: 'sandbox-tangoe', sub: user.name, company: user.company, subject, iat: issuedAt, exp: expiresAt, jti: randomUUID() };
    return { token: { access_token: signJwt(claims, this.secret), token_type: 'Bearer', expires_in: this.ttlSeconds, expires_at: expiresAt } };
  }

  /** The API user a bearer token stands for, or why it stands for none. */
  userOf(bearer: string): { user?: ApiUser; problem?: string } {
    const { claims, problem } = verifyJwt(bearer, this.secret, Math.floor(this.now().getTime() / 1000));
    if (!claims) return { problem: problem === 'expired' ? 'bearer token expired' : 'bearer token invalid' };
    const user = this.apiUsers.find((u) => u.name === claims.sub);
    return user ? { user } : { problem: 'bearer token names no API user' };
  }
}
