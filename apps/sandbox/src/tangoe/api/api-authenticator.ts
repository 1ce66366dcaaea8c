import type { ApiUser } from '../store/api-user';
import { sameSecret } from '../../stand-in-kit';
import type { AccessTokens } from './access-tokens';

type Headers = Record<string, string | string[] | undefined>;

/**
 * Who is calling: `API-Token` header, `api_token` query parameter (v1), or `Authorization: Bearer <jwt>` (v2).
 * A token that is present but wrong is refused even if another credential is also present.
 */
export class ApiAuthenticator {
  constructor(
    private readonly apiUsers: readonly ApiUser[],
    private readonly tokens: AccessTokens,
  ) {}

  authenticate(headers: Headers, query: Record<string, unknown>): { user?: ApiUser; problem?: string } {
    const header = (name: string) => {
      const value = headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const apiToken = header('api-token') ?? (typeof query.api_token === 'string' ? query.api_token : undefined);
    if (apiToken !== undefined) {
      const user = this.apiUsers.find((u) => sameSecret(u.apiToken, apiToken));
      return user ? { user } : { problem: 'API token invalid' };
    }
    const authorization = header('authorization');
    if (authorization === undefined) return { problem: 'an API-Token header, api_token parameter or bearer token is required' };
    const bearer = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    return bearer ? this.tokens.userOf(bearer) : { problem: 'Authorization must be "Bearer <token>"' };
  }
}
