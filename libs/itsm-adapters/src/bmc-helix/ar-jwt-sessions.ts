import axios from 'axios';
import { OUTBOUND_BODY_LIMITS } from '@bridge/contracts';
import { ClientConfig, resolveSecret } from '@bridge/clients-config';
import { ItsmAdapterError } from '../itsm-adapter.error';

/** AR System tokens last an hour unless the server says otherwise (the JWT's `exp`). */
const DEFAULT_LIFETIME_MS = 60 * 60_000;
/** Log in again this long before the token expires, so no request goes out with a token about to lapse. */
const RENEW_BEFORE_MS = 60_000;

/**
 * BMC Helix's AR System login, one session per client: `POST {baseUrl}/api/jwt/login` with the form fields
 * `username` and `password` answers the token as plain text, sent as `Authorization: AR-JWT <token>`. The token is
 * kept until shortly before it expires, or until Helix refuses it (`invalidate`); logins under way are shared, so a
 * burst of deliveries logs in once. Neither the password nor the token ever reaches a log or an error message.
 * Sessions are kept per configuration object: a client whose entry a reload changed logs in anew with it.
 */
export class ArJwtSessions {
  private readonly sessions = new WeakMap<ClientConfig, { token: string; expiresAt: number }>();
  private readonly logins = new WeakMap<ClientConfig, Promise<string>>();

  constructor(private readonly now: () => number = Date.now) {}

  async authorization(client: ClientConfig): Promise<string> {
    return `AR-JWT ${await this.token(client)}`;
  }

  /** Helix answered 401 to this token: the next request logs in again (a newer token is left alone). */
  invalidate(client: ClientConfig, authorization: string | undefined): void {
    const session = this.sessions.get(client);
    if (session && (authorization === undefined || authorization === `AR-JWT ${session.token}`)) this.sessions.delete(client);
  }

  private async token(client: ClientConfig): Promise<string> {
    const session = this.sessions.get(client);
    if (session && session.expiresAt - RENEW_BEFORE_MS > this.now()) return session.token;
    let login = this.logins.get(client);
    if (!login) {
      login = this.login(client).finally(() => this.logins.delete(client));
      this.logins.set(client, login);
    }
    return login;
  }

  private async login(client: ClientConfig): Promise<string> {
    const outbound = client.outbound!;
    const form = new URLSearchParams({ username: outbound.auth.username!, password: resolveSecret(outbound.auth.password!, client.id, 'outbound.auth.password') });
    const response = await axios.post(`${outbound.baseUrl.replace(/\/$/, '')}/api/jwt/login`, form, {
      timeout: 10_000,
      maxRedirects: 0,
      ...OUTBOUND_BODY_LIMITS,
      validateStatus: () => true,
      responseType: 'text',
      transformResponse: (data: unknown) => data,
    });
    const token = typeof response.data === 'string' ? response.data.trim() : '';
    if (response.status < 200 || response.status >= 300 || token === '') {
      // Helix's answer may echo what was posted: only the status is kept.
      throw new ItsmAdapterError('itsm_login_failed', `the AR System login of client ${client.id} (user ${outbound.auth.username}) answered ${response.status}`, { retriable: response.status >= 500 });
    }
    this.sessions.set(client, { token, expiresAt: expiryOf(token) ?? this.now() + DEFAULT_LIFETIME_MS });
    return token;
  }
}

/** The token's `exp` claim when it is a readable JWT; AR System signs it, the bridge only reads when it ends. */
function expiryOf(token: string): number | undefined {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
