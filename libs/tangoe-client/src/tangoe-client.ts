import axios, { AxiosInstance, AxiosResponse, Method } from 'axios';
import { trace } from '@opentelemetry/api';
import { SpanKind, inSpan, traceHeaders } from '@bridge/tracing';
import { setTimeout as delay } from 'node:timers/promises';
import { OUTBOUND_BODY_LIMITS, parseRetryAfter } from '@bridge/contracts';
import type { SupportRequestDraft } from '@bridge/contracts';
import { describeFailure } from '@bridge/errors';
import { backoffDelay } from './backoff';
import type { GetBudget } from './get-budget';
import { TangoeApiError, kindOfStatus } from './tangoe-api-error';
import type { ActivityQuery, TangoeActivity } from './tangoe-activities';
import { Page, SupportRequestQuery, TangoeInteraction, TangoeSupportRequest } from './tangoe-types';
import { TangoeCredentials, TokenProvider } from './token-provider';

export interface TangoeClientOptions {
  /** From configuration only: the client never follows a URL it is given in a response. */
  baseUrl: string;
  credentials: TangoeCredentials;
  /** Tangoe's rate limit is per API user; this names the budget GETs are counted against. */
  apiUser: string;
  budget: GetBudget;
  timeoutMs?: number;
  /** Retries of a GET after 5xx, timeouts and dropped connections. */
  getRetries?: number;
  /** Retries of any request after a 429 (Tangoe refused it, so nothing was stored). */
  rateLimitRetries?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

/**
 * Tangoe Mobile's REST API. GETs are counted against the shared budget and retried on transient failures.
 * Writes are retried only after a 429: after a 5xx, a timeout or a dropped connection Tangoe may have stored
 * the write, so the error says the outcome is unknown and the caller looks before it writes again; after no answer
 * at all, not before one request timeout has passed (`retryAfterMs`).
 */
export class TangoeClient {
  private readonly http: AxiosInstance;
  private readonly tokens: TokenProvider;
  private readonly sleep: (ms: number) => Promise<void>;

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? 10_000;
  }

  constructor(private readonly options: TangoeClientOptions) {
    this.http = axios.create({
      baseURL: options.baseUrl,
      timeout: this.timeoutMs,
      maxRedirects: 0,
      ...OUTBOUND_BODY_LIMITS,
      validateStatus: () => true,
      headers: { Accept: 'application/json' },
    });
    this.tokens = new TokenProvider(this.http, options.credentials, options.now ?? Date.now);
    this.sleep = options.sleep ?? ((ms) => delay(ms));
  }

  async createSupportRequest(draft: SupportRequestDraft): Promise<TangoeSupportRequest> {
    const body = {
      support_request: {
        text: draft.text,
        requestor_name: draft.requestorName,
        requestor_number: draft.requestorNumber,
        request_type: draft.requestType,
        external_source_id: draft.externalSourceId,
        ...(draft.deviceType ? { device_type: draft.deviceType } : {}),
        vip: draft.vip,
      },
    };
    return this.request<TangoeSupportRequest>('POST', '/1/support_requests', { body, params: draft.employeeId ? { employee_id: draft.employeeId } : undefined });
  }

  addInteraction(threadToken: string, text: string): Promise<TangoeInteraction> {
    return this.request<TangoeInteraction>('POST', '/1/interactions', { body: { interaction: { interaction_thread_token: threadToken, text } } });
  }

  /**
   * A client-side state change. The seeds give no call for it: `PATCH /1/support_requests/{id}` with the new
   * state is the bridge's assumption (docs/adr/0006), kept in this one method.
   */
  changeState(id: number, state: 'canceled' | 'closed', note?: string): Promise<TangoeSupportRequest> {
    return this.request<TangoeSupportRequest>('PATCH', `/1/support_requests/${id}`, { body: { support_request: { state, ...(note ? { note } : {}) } } });
  }

  getSupportRequest(id: number): Promise<TangoeSupportRequest> {
    return this.request<TangoeSupportRequest>('GET', `/1/support_requests/${id}`);
  }

  async listSupportRequests(query: SupportRequestQuery): Promise<Page<TangoeSupportRequest>> {
    const page = query.page ?? 1;
    const perPage = Math.min(query.perPage ?? 100, 999);
    const params: Record<string, string | number> = { page, per_page: perPage };
    if (query.updatedAtGt) params.updated_at_gt = query.updatedAtGt;
    if (query.updatedAtGte) params.updated_at_gte = query.updatedAtGte;
    if (query.externalSourceIdEq) params.external_source_id_eq = query.externalSourceIdEq;
    if (query.stateEq) params.state_eq = query.stateEq;
    if (query.order) params.order = query.order;
    const items = await this.request<TangoeSupportRequest[]>('GET', '/1/support_requests', { params });
    return { items, page, perPage, hasMore: items.length === perPage };
  }

  /** Seed 001 option 1: activities (orders), with the API portal's ransack-style filters. */
  async listActivities(query: ActivityQuery): Promise<Page<TangoeActivity>> {
    const page = query.page ?? 1;
    const perPage = Math.min(query.perPage ?? 100, 999);
    const params: Record<string, string | number> = { page, per_page: perPage };
    if (query.updatedAtGt) params.updated_at_gt = query.updatedAtGt;
    if (query.updatedAtGte) params.updated_at_gte = query.updatedAtGte;
    if (query.stateEq) params.state_eq = query.stateEq;
    if (query.activityTypeIdEq !== undefined) params.activity_type_id_eq = query.activityTypeIdEq;
    if (query.assignedToIdEq !== undefined) params.assigned_to_id_eq = query.assignedToIdEq;
    if (query.order) params.order = query.order;
    const items = await this.request<TangoeActivity[]>('GET', '/1/activities', { params });
    return { items, page, perPage, hasMore: items.length === perPage };
  }

  getActivity(id: number | string): Promise<TangoeActivity> {
    return this.request<TangoeActivity>('GET', `/1/activities/${encodeURIComponent(String(id))}`);
  }

  /** The support request already made for a ticket, if any: what makes a re-create after a crash safe. */
  async findByExternalSourceId(externalSourceId: string): Promise<TangoeSupportRequest | undefined> {
    const { items } = await this.listSupportRequests({ externalSourceIdEq: externalSourceId, perPage: 10, order: 'id asc' });
    return items.find((item) => item.external_source_id === externalSourceId);
  }

  private async request<T>(method: Method, path: string, options: { body?: unknown; params?: Record<string, string | number> } = {}): Promise<T> {
    const isRead = method === 'GET';
    let transientRetries = 0;
    let rateLimitRetries = 0;
    let refreshedToken = false;
    for (;;) {
      if (isRead) await this.options.budget.acquire(this.options.apiUser);
      let response: AxiosResponse;
      try {
        response = await this.send(method, path, options);
      } catch (error) {
        // A write with no answer may still be on its way in at Tangoe (a slow server stores it after we stopped
        // waiting): the caller's look before writing again would miss it and write twice. It waits one request
        // timeout first, so the write in flight has landed or failed by then (a 10,000-ticket fault run on ed42586
        // created one request twice and sent one comment twice, each retried 121 ms after a timeout).
        const failure = new TangoeApiError('unavailable', `${method} ${path}: no answer from Tangoe (${describeFailure(error)})`, isRead ? {} : { outcomeUnknown: true, retryAfterMs: this.timeoutMs });
        if (isRead && transientRetries < (this.options.getRetries ?? 4)) {
          await this.sleep(this.backoff(++transientRetries));
          continue;
        }
        throw failure;
      }
      if (response.status >= 200 && response.status < 300) return response.data as T;

      const kind = kindOfStatus(response.status);
      const retryAfterMs = parseRetryAfter(headerOf(response, 'retry-after'), Date.now());
      const message = `${method} ${path}: Tangoe answered ${response.status}${describeBody(response.data)}`;
      if (kind === 'rate_limited' && rateLimitRetries < (this.options.rateLimitRetries ?? 5)) {
        rateLimitRetries++;
        await this.sleep(retryAfterMs ?? this.backoff(rateLimitRetries));
        continue;
      }
      if (kind === 'unauthorized' && !refreshedToken && this.tokens.invalidate()) {
        refreshedToken = true;
        continue;
      }
      if (kind === 'unavailable' && isRead && transientRetries < (this.options.getRetries ?? 4)) {
        await this.sleep(this.backoff(++transientRetries));
        continue;
      }
      throw new TangoeApiError(kind, message, {
        status: response.status,
        tangoeErrors: kind === 'rejected' ? response.data : undefined,
        retryAfterMs,
        outcomeUnknown: kind === 'unavailable' && !isRead ? true : undefined,
      });
    }
  }

  /** One HTTP attempt, in a client span whose trace context Tangoe receives too. */
  private async send(method: Method, path: string, options: { body?: unknown; params?: Record<string, string | number> }): Promise<AxiosResponse> {
    const headers = await this.tokens.headers();
    return inSpan(`tangoe ${method} ${path}`, { kind: SpanKind.CLIENT, attributes: { 'http.request.method': method, 'url.path': path, 'server.address': this.options.baseUrl } }, async () => {
      const response = await this.http.request({ method, url: path, data: options.body, params: options.params, headers: { ...headers, ...traceHeaders() } });
      trace.getActiveSpan()?.setAttribute('http.response.status_code', response.status);
      return response;
    });
  }

  private backoff(retry: number): number {
    return backoffDelay(retry, this.options.backoffBaseMs ?? 500, this.options.backoffMaxMs ?? 10_000, this.options.random);
  }
}

function headerOf(response: AxiosResponse, name: string): string | undefined {
  const value = response.headers?.[name];
  return typeof value === 'string' ? value : undefined;
}

/** Tangoe's error body, short; request headers (which carry the token) are never part of a message. */
function describeBody(data: unknown): string {
  if (data === undefined || data === null || data === '') return '';
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  return `: ${text.length > 500 ? `${text.slice(0, 500)}…` : text}`;
}
