import type { AxiosInstance } from 'axios';
import { TangoeApiError, kindOfStatus } from './tangoe-api-error';

export type TangoeCredentials =
  | { kind: 'api-token'; apiToken: string }
  | { kind: 'oauth'; clientId: string; clientSecret: string; subject: string };

/** Tokens are renewed this long before they expire, so no request leaves with a token about to lapse. */
const REFRESH_EARLY_MS = 60_000;

/**
 * The authorization header of every request: a static API-Token (v1), or a v2 JWT obtained with client
 * credentials, cached, renewed before expiry, one renewal at a time however many calls need it.
 */
export class TokenProvider {
  private cached?: { token: string; expiresAt: number };
  private refreshing?: Promise<string>;

  constructor(private readonly http: AxiosInstance, private readonly credentials: TangoeCredentials, private readonly now: () => number) {}

  async headers(): Promise<Record<string, string>> {
    if (this.credentials.kind === 'api-token') return { 'API-Token': this.credentials.apiToken };
    return { Authorization: `Bearer ${await this.bearer()}` };
  }

  /** After a 401 with a v2 token: forget it, so the next call gets a fresh one. */
  invalidate(): boolean {
    if (this.credentials.kind !== 'oauth') return false;
    this.cached = undefined;
    return true;
  }

  private async bearer(): Promise<string> {
    if (this.cached && this.cached.expiresAt - REFRESH_EARLY_MS > this.now()) return this.cached.token;
    this.refreshing ??= this.fetchToken().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async fetchToken(): Promise<string> {
    const credentials = this.credentials as Extract<TangoeCredentials, { kind: 'oauth' }>;
    let response;
    try {
      response = await this.http.post('/v2/token', {
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
        subject: credentials.subject,
        grant_type: 'client_credentials',
      });
    } catch (error) {
      throw new TangoeApiError('unavailable', `Tangoe token endpoint unreachable: ${(error as Error).message}`, {}, { cause: undefined });
    }
    if (response.status !== 200 && response.status !== 201) {
      throw new TangoeApiError(kindOfStatus(response.status), `Tangoe refused the client credentials (HTTP ${response.status})`, { status: response.status });
    }
    const { access_token: token, expires_at: expiresAt } = response.data as { access_token: string; expires_at: number };
    this.cached = { token, expiresAt: expiresAt * 1000 };
    return token;
  }
}
