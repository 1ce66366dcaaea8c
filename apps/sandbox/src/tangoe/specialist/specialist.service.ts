import { SPECIALIST_STATES, ChangeRecord, FieldErrors, SpecialistState, SupportRequest } from '../store/support-request';
import { presentInteraction } from '../store/support-request.presenter';
import type { Notify } from '../api/support-requests.service';
import { TangoeSandboxError } from '../tangoe-sandbox.error';
import { ChangeFilter, TangoeStore } from '../store/tangoe-store';

/**
 * Tangoe's Account Specialist working the requests: state changes, notes, reassignment back to the client. Each
 * call bumps `updated_at` (what the bridge's poll looks for), is kept in the change history, and is pushed to the
 * company's webhook as one event.
 */
export class SpecialistService {
  constructor(
    private readonly store: TangoeStore,
    private readonly notify: Notify,
  ) {}

  /** A note given with the state change is added first, so it is the last interaction the push carries. */
  changeState(id: string | number, body: { state?: unknown; note?: unknown }): Record<string, unknown> {
    const request = this.find(id);
    const state = body?.state;
    const errors: FieldErrors = {};
    if (!(SPECIALIST_STATES as readonly unknown[]).includes(state)) errors.state = [`must be one of ${SPECIALIST_STATES.join(', ')}`];
    const note = optionalText(body?.note, 'note', errors);
    if (Object.keys(errors).length > 0) throw TangoeSandboxError.invalid(errors);
    if (note) this.store.addInteraction(request.company, request.token, note, 'specialist');
    const { changed } = this.store.changeState(request.id, state as SpecialistState, 'specialist')!;
    if (changed || note) this.notify(request, 'support_request.state_changed');
    return this.store.present(request);
  }

  addInteraction(id: string | number, body: { text?: unknown }): Record<string, unknown> {
    const request = this.find(id);
    if (typeof body?.text !== 'string' || body.text.trim() === '') throw TangoeSandboxError.invalid({ text: ["can't be blank"] });
    const interaction = this.store.addInteraction(request.company, request.token, body.text, 'specialist')!;
    this.notify(request, 'support_request.interaction_created');
    return presentInteraction(interaction);
  }

  /** "Reassign" (apps/sandbox/README.md, "The Account Specialist"): back to the client, to the assignment group it names. */
  reassign(id: string | number, body: { assignment_group?: unknown; note?: unknown }): Record<string, unknown> {
    const request = this.find(id);
    const errors: FieldErrors = {};
    const group = body?.assignment_group;
    if (typeof group !== 'string' || group.trim() === '') errors.assignment_group = ["can't be blank"];
    const note = optionalText(body?.note, 'note', errors);
    if (Object.keys(errors).length > 0) throw TangoeSandboxError.invalid(errors);
    if (note) this.store.addInteraction(request.company, request.token, note, 'specialist');
    this.store.reassign(request.id, (group as string).trim(), 'specialist');
    this.notify(request, 'support_request.reassigned');
    return this.store.present(request);
  }

  list(company?: string): Array<Record<string, unknown>> {
    const requests = company ? this.store.list(company) : this.store.all();
    return requests.map((request) => ({ ...this.store.present(request), company: request.company }));
  }

  get(id: string | number): Record<string, unknown> & { history: ChangeRecord[] } {
    const request = this.find(id);
    return { ...this.store.present(request), company: request.company, history: request.history };
  }

  history(filter: ChangeFilter): ChangeRecord[] {
    if (filter.since !== undefined && Number.isNaN(Date.parse(filter.since))) throw TangoeSandboxError.invalid({ since: ['is not a valid time'] });
    return this.store.changes(filter);
  }

  private find(id: string | number): SupportRequest {
    const request = /^\d+$/.test(String(id)) ? this.store.get(Number(id)) : undefined;
    if (!request) throw TangoeSandboxError.notFound(`support request ${String(id)} not found`);
    return request;
  }
}

function optionalText(value: unknown, field: string, errors: FieldErrors): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    errors[field] = ['must be text'];
    return undefined;
  }
  return value.trim() === '' ? undefined : value;
}
