import type { ApiUser } from '../store/api-user';
import { applyListQuery, parseListQuery } from './list-query';
import { CLIENT_STATES, ChangeRecord, ClientState, FieldErrors, SupportRequest } from '../store/support-request';
import { presentInteraction } from '../store/support-request.presenter';
import { TangoeSandboxError } from '../tangoe-sandbox.error';
import { TangoeStore, isFieldErrors } from '../store/tangoe-store';
import type { PushEvent } from './webhook-pusher';

export type Notify = (request: SupportRequest, event: PushEvent) => void;

export interface SupportRequestPage {
  items: Array<Record<string, unknown>>;
  page: number;
  perPage: number;
  total: number;
  totalPages: number;
}

/** Tangoe's API as one API user sees it: only its company's support requests exist for it. */
export class SupportRequestsService {
  constructor(
    private readonly store: TangoeStore,
    private readonly notify: Notify,
    private readonly maxPerPage: number,
  ) {}

  create(user: ApiUser, body: unknown, employeeId: string | undefined): Record<string, unknown> {
    const input = (body as { support_request?: unknown } | undefined)?.support_request;
    const result = this.store.create(user.company, input, employeeId, user);
    if (isFieldErrors(result)) throw TangoeSandboxError.invalid(result);
    return this.store.present(result);
  }

  addInteraction(user: ApiUser, body: unknown): Record<string, unknown> {
    const fields = ((body as { interaction?: unknown } | undefined)?.interaction ?? {}) as Record<string, unknown>;
    const { interaction_thread_token: token, text } = fields;
    const errors: FieldErrors = {};
    if (typeof token !== 'string' || token === '') errors.interaction_thread_token = ["can't be blank"];
    if (typeof text !== 'string' || text.trim() === '') errors.text = ["can't be blank"];
    if (Object.keys(errors).length > 0) throw TangoeSandboxError.invalid(errors);
    const interaction = this.store.addInteraction(user.company, token as string, text as string, 'api');
    if (!interaction) {
      throw TangoeSandboxError.notFound('no support request has this interaction_thread_token', { interaction_thread_token: ['does not match a support request'] });
    }
    this.notify(this.store.byThreadToken(token as string)!, 'support_request.interaction_created');
    return presentInteraction(interaction);
  }

  list(user: ApiUser, query: Record<string, unknown>): SupportRequestPage {
    const { value, errors } = parseListQuery(query, this.maxPerPage);
    if (!value) throw TangoeSandboxError.invalid(errors);
    const page = applyListQuery(this.store.list(user.company), value);
    return { items: page.items.map((request) => this.store.present(request)), page: value.page, perPage: value.perPage, total: page.total, totalPages: page.totalPages };
  }

  get(user: ApiUser, id: string | number): Record<string, unknown> {
    return this.store.present(this.own(user, id));
  }

  history(user: ApiUser, id: string | number): ChangeRecord[] {
    return this.store.changes({ supportRequestId: this.own(user, id).id });
  }

  /**
   * The client cancels or closes: `PATCH /1/support_requests/{id}` is the bridge's assumption (docs/adr/0006). A
   * note becomes an interaction before the state changes, so it is the request's last interaction.
   */
  changeState(user: ApiUser, id: string | number, body: unknown): Record<string, unknown> {
    const request = this.own(user, id);
    const fields = ((body as { support_request?: unknown } | undefined)?.support_request ?? {}) as Record<string, unknown>;
    const { state, note } = fields;
    const errors: FieldErrors = {};
    if (!(CLIENT_STATES as readonly unknown[]).includes(state)) errors.state = [`must be one of ${CLIENT_STATES.join(', ')}`];
    if (note !== undefined && note !== null && typeof note !== 'string') errors.note = ['must be text'];
    if (Object.keys(errors).length > 0) throw TangoeSandboxError.invalid(errors);
    const hasNote = typeof note === 'string' && note.trim() !== '';
    if (hasNote) this.store.addInteraction(request.company, request.token, note, 'api');
    const { changed } = this.store.changeState(request.id, state as ClientState, 'api')!;
    if (changed || hasNote) this.notify(request, 'support_request.state_changed');
    return this.store.present(request);
  }

  private own(user: ApiUser, id: string | number): SupportRequest {
    const request = /^\d+$/.test(String(id)) ? this.store.get(Number(id)) : undefined;
    // Another company's request is as absent as one that never existed.
    if (!request || request.company !== user.company) throw TangoeSandboxError.notFound(`support request ${String(id)} not found`);
    return request;
  }
}
