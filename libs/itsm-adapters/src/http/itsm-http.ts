import axios, { AxiosInstance, InternalAxiosRequestConfig } from 'axios';
import { ClientConfig, resolveSecret } from '@bridge/clients-config';
import { OUTBOUND_BODY_LIMITS } from '@bridge/contracts';
import { ArJwtSessions } from '../bmc-helix/ar-jwt-sessions';
import { ItsmAdapterError } from '../itsm-adapter.error';

/**
 * One HTTP client per client company, bound to the ITSM base URL of its configuration and to its own
 * credentials: a delivery or a reconciliation read can only go where that client's configuration says, with that
 * client's secrets. The notifier writes through it, the ingress's reconciliation reads.
 *
 * Everything is kept per configuration object, not per id: a reloaded clients file that changes a client gives it
 * a new object, so its next request is built from the new entry (URL, credentials, a fresh token or session), while
 * a client the reload left alone keeps its object and its tokens.
 */
export class ItsmHttp {
  private readonly clients = new WeakMap<ClientConfig, AxiosInstance>();
  private readonly tokens = new WeakMap<ClientConfig, { token: string; expiresAt: number }>();
  private readonly arJwt = new ArJwtSessions();

  constructor(private readonly timeoutMs = 10_000) {}

  for(client: ClientConfig): AxiosInstance {
    let http = this.clients.get(client);
    if (!http) {
      const outbound = client.outbound!;
      http = axios.create({ baseURL: outbound.baseUrl, timeout: this.timeoutMs, maxRedirects: 0, ...OUTBOUND_BODY_LIMITS, validateStatus: () => true });
      http.interceptors.request.use(async (config) => {
        config.headers.set('Authorization', await this.authorization(client));
        return config;
      });
      if (outbound.auth.type === 'ar-jwt') this.renewArJwtOnRefusal(http, client);
      this.clients.set(client, http);
    }
    return http;
  }

  private async authorization(client: ClientConfig): Promise<string> {
    const auth = client.outbound!.auth;
    switch (auth.type) {
      case 'basic':
        return `Basic ${Buffer.from(`${basicUser(auth, client.id)}:${auth.password ? resolveSecret(auth.password, client.id, 'outbound.auth.password') : API_KEY_PASSWORD}`).toString('base64')}`;
      case 'bearer':
        return `Bearer ${resolveSecret(auth.token!, client.id, 'outbound.auth.token')}`;
      case 'oauth':
        return `Bearer ${await this.oauthToken(client)}`;
      case 'ar-jwt':
        return this.arJwt.authorization(client);
    }
  }

  /** An AR-JWT Helix no longer takes (restarted, logged out) is refused with 401: log in again and retry, once. */
  private renewArJwtOnRefusal(http: AxiosInstance, client: ClientConfig): void {
    http.interceptors.response.use(async (response) => {
      const config = response.config as InternalAxiosRequestConfig & { arJwtRenewed?: boolean };
      if (response.status !== 401 || config.arJwtRenewed) return response;
      this.arJwt.invalidate(client, config.headers.get('Authorization')?.toString());
      return http.request({ ...config, arJwtRenewed: true } as InternalAxiosRequestConfig);
    });
  }

  /** OAuth 2 client credentials, cached until a minute before expiry. */
  private async oauthToken(client: ClientConfig): Promise<string> {
    const cached = this.tokens.get(client);
    if (cached && cached.expiresAt - 60_000 > Date.now()) return cached.token;
    const auth = client.outbound!.auth;
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: auth.clientId!, client_secret: resolveSecret(auth.clientSecret!, client.id, 'outbound.auth.clientSecret') });
    if (auth.scope) form.set('scope', auth.scope);
    const response = await axios.post(auth.tokenUrl!, form, { timeout: 10_000, ...OUTBOUND_BODY_LIMITS, validateStatus: () => true });
    if (response.status !== 200) throw new ItsmAdapterError('itsm_login_failed', `token endpoint of client ${client.id} answered ${response.status}`, { retriable: response.status >= 500 });
    const { access_token: token, expires_in: expiresIn } = response.data as { access_token: string; expires_in?: number };
    this.tokens.set(client, { token, expiresAt: Date.now() + (expiresIn ?? 3600) * 1000 });
    return token;
  }
}

/** With an API key as the Basic user, the password is a placeholder: Freshservice's documentation writes "X". */
const API_KEY_PASSWORD = 'X';

/** The Basic user: a name, or a secret where the ITSM takes its API key as the user (Freshservice). */
function basicUser(auth: NonNullable<ClientConfig['outbound']>['auth'], clientId: string): string {
  return auth.usernameSecret ? resolveSecret(auth.usernameSecret, clientId, 'outbound.auth.usernameSecret') : auth.username!;
}
