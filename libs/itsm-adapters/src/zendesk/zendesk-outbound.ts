import type { AxiosInstance } from 'axios';
import type { ClientConfig, OutboundKind } from '@bridge/clients-config';
import type { OutboundAdapter, RenderedUpdate, RequestPreview, SendResult } from '../outbound/outbound-adapter';
import { sendResultOf } from '../outbound/send-result';
import { RecordLookup, UndecidedCheck, existsOrUndecided, recordIdOf, recordIdToCheck, recordLookupOf } from '../outbound/record-lookup';
import { FixedDefaultsOutbound, outboundBase } from '../outbound/fixed-defaults';
import type { JournalEntry } from '../outbound/written-by-bridge';
import { EarlierAttempt, JournalRules, entryLeftOut, entryProof } from '../outbound/earlier-attempt';
import { holdsFields } from '../outbound/fields-hold';

/**
 * Zendesk's defaults. A template renders what to do to the ticket (`comment`, `public`, `status`, `group_id`) and
 * the adapter sends it as one `PUT /api/v2/tickets/{id}.json`, comment and fields applied together, so a send
 * whose comment the ticket shows (this delivery's, ADR 15) was applied whole. A close, cancel or reassign leaves out
 * a comment the bridge already wrote (it carries the last interaction, already sent as a note); a note never does.
 * Tangoe's notes are private by default.
 * Statuses: open, pending, hold, solved. A mirrored activity is created with `external_id` set, which finds it again.
 */
const STATE_CODES: Partial<Record<OutboundKind, string>> = {
  close: 'solved',
  cancel: 'solved',
  externally_queued: 'hold',
  awaiting_customer_response: 'pending',
  activity_ordered: 'open',
  activity_on_back_order: 'hold',
  activity_completed: 'solved',
  activity_cancelled: 'solved',
  activity_mirror: 'open',
};

const last = (fallback: string) => `{{ support_request.interactions.last.text | default: "${fallback}" | json }}`;
const ACTIVITY = '"comment": {{ "Tangoe order " | append: activity.ticket_number | append: " (" | append: activity.activity_type | append: "): " | append: activity.state | json }}, "public": false, "status": {{ state_code | json }}';

const TEMPLATES: Record<OutboundKind, string> = {
  note: '{"comment": {{ interaction.text | json }}, "public": false}',
  close: `{"comment": ${last('Solved at Tangoe')}, "public": false, "status": {{ state_code | json }}}`,
  cancel: `{"comment": ${last('Canceled at Tangoe')}, "public": false, "status": {{ state_code | json }}}`,
  reassign: `{"comment": ${last('Reassigned back by Tangoe')}, "public": false, "group_id": {{ assignment_group | json }}}`,
  externally_queued: '{"comment": "Tangoe: Externally Queued, pending information from a third party.", "public": false, "status": {{ state_code | json }}}',
  awaiting_customer_response: '{"comment": "Tangoe: Awaiting Customer Response.", "public": false, "status": {{ state_code | json }}}',
  activity_ordered: `{${ACTIVITY}}`,
  activity_on_back_order: `{${ACTIVITY}}`,
  activity_completed: `{${ACTIVITY}}`,
  activity_cancelled: `{${ACTIVITY}}`,
  activity_mirror:
    '{"subject": {{ "Tangoe order " | append: activity.ticket_number | append: ": " | append: activity.activity_type | json }}, ' +
    '"comment": {{ "Mirrored from Tangoe Mobile. Ticket " | append: activity.ticket_number | append: ", for " | append: activity.user_name | json }}, "public": false, "status": {{ state_code | json }}}',
};

interface ZendeskUpdate {
  comment?: string;
  public?: boolean;
  status?: string;
  group_id?: string | number;
  subject?: string;
}

export class ZendeskOutbound extends FixedDefaultsOutbound implements OutboundAdapter {
  constructor() {
    super(TEMPLATES, STATE_CODES);
  }

  preview(update: RenderedUpdate, client: ClientConfig): RequestPreview[] {
    const base = outboundBase(client);
    const body = update.body as ZendeskUpdate;
    if (update.create) return [{ method: 'POST', url: `${base}/api/v2/tickets.json`, body: { ticket: ticketOf(body, update.recordNumber) } }];
    const id = update.lookupField ? '{id}' : update.recordNumber;
    return [
      ...(update.lookupField ? [{ method: 'GET', url: `${base}/api/v2/tickets.json?external_id=${encodeURIComponent(update.recordNumber)}`, body: undefined }] : []),
      ...(body.comment ? [{ method: 'GET', url: `${base}/api/v2/tickets/${id}/comments.json?sort_order=desc`, body: undefined }] : []),
      { method: 'PUT', url: `${base}/api/v2/tickets/${id}.json`, body: { ticket: ticketOf(body) } },
    ];
  }

  /**
   * A create made the ticket if one carries its external id; an update with a comment is there if its comment is
   * (comment and fields are one PUT), or, when its comment was the bridge's already and so not sent, if the
   * ticket's status and group hold its values.
   */
  async alreadyApplied(http: AxiosInstance, update: RenderedUpdate, client: ClientConfig, earlier: EarlierAttempt): Promise<boolean> {
    if (update.create) return existsOrUndecided(await findByExternalId(http, update.recordNumber, {}));
    const body = update.body as ZendeskUpdate;
    if (!body.comment) return false;
    const id = await recordIdToCheck(update, () => findByExternalId(http, update.recordNumber, {}));
    if (id === undefined) return false;
    const comments = await commentsOf(http, id, {});
    if (!Array.isArray(comments)) throw new UndecidedCheck(comments);
    const proved = entryProof(JOURNAL, comments, update, client, earlier);
    if (proved !== undefined) return proved;
    const shown = await http.get(`/api/v2/tickets/${encodeURIComponent(id)}.json`);
    if (shown.status !== 200) throw new UndecidedCheck(sendResultOf(shown));
    return holdsFields((shown.data as { ticket?: Record<string, unknown> })?.ticket, ticketOf({ ...body, comment: undefined }));
  }

  async send(http: AxiosInstance, update: RenderedUpdate, client: ClientConfig, headers: Record<string, string>, earlier?: EarlierAttempt): Promise<SendResult> {
    const body = update.body as ZendeskUpdate;
    if (update.create) {
      const created = await http.post('/api/v2/tickets.json', { ticket: ticketOf(body, update.recordNumber) }, { headers });
      const ticket = (created.data as { ticket?: { id?: number } })?.ticket;
      return { ...sendResultOf(created), created: ticket?.id !== undefined ? { id: String(ticket.id), number: String(ticket.id) } : undefined };
    }
    const id = await recordIdOf(update, () => findByExternalId(http, update.recordNumber, headers));
    if (typeof id !== 'string') return id.failed ?? { status: 404, body: `no Zendesk ticket with external_id ${update.recordNumber}` };
    let pending = body;
    if (body.comment) {
      const comments = await commentsOf(http, id, headers);
      if (!Array.isArray(comments)) return comments;
      if (entryLeftOut(JOURNAL, comments, update, client, earlier)) pending = { ...body, comment: undefined };
    }
    const ticket = ticketOf(pending);
    if (Object.keys(ticket).length === 0) return { status: 200, body: 'already applied' };
    return sendResultOf(await http.put(`/api/v2/tickets/${encodeURIComponent(id)}.json`, { ticket }, { headers }));
  }
}

/** An update's comment is its journal entry; a repeat is left out of all but a note. */
const JOURNAL: JournalRules = { textOf: (update) => (update.body as ZendeskUpdate).comment || undefined, leavesOutRepeats: true };

/** The ticket's comments, newest first (List Comments' `sort_order`): an answer that is no list is passed on. */
async function commentsOf(http: AxiosInstance, id: string, headers: Record<string, string>): Promise<JournalEntry[] | SendResult> {
  const comments = await http.get(`/api/v2/tickets/${encodeURIComponent(id)}/comments.json`, { headers, params: { sort_order: 'desc' } });
  if (comments.status !== 200) return sendResultOf(comments);
  const listed = (comments.data as { comments?: Array<{ body?: string; author_id?: string | number; created_at?: string }> }).comments ?? [];
  return listed.map((comment) => ({ author: comment.author_id, text: comment.body ?? '', createdAt: comment.created_at }));
}

/** The Tickets API's `ticket` object; `external_id` only on a create. */
function ticketOf(update: ZendeskUpdate, externalId?: string): Record<string, unknown> {
  return {
    ...(update.subject ? { subject: update.subject } : {}),
    ...(update.comment ? { comment: { body: update.comment, public: update.public === true } } : {}),
    ...(update.status ? { status: update.status } : {}),
    ...(update.group_id !== undefined && update.group_id !== '' ? { group_id: Number(update.group_id) || update.group_id } : {}),
    ...(externalId ? { external_id: externalId } : {}),
  };
}

async function findByExternalId(http: AxiosInstance, externalId: string, headers: Record<string, string>): Promise<RecordLookup> {
  const found = await http.get('/api/v2/tickets.json', { headers, params: { external_id: externalId } });
  return recordLookupOf(found, (data) => (data as { tickets?: Array<{ id: number }> }).tickets?.[0]?.id);
}
