import type { AxiosInstance } from 'axios';
import type { ClientConfig, OutboundKind } from '@bridge/clients-config';
import type { OutboundAdapter, RenderedUpdate, RequestPreview, SendResult } from '../outbound/outbound-adapter';
import { sendResultOf } from '../outbound/send-result';
import type { RecordIdRules } from '../outbound/record-ids';
import { RecordLookup, recordIdOf, recordLookupOf } from '../outbound/record-lookup';
import { appliedByJournal } from '../outbound/applied-by-journal';
import { FixedDefaults, outboundBase } from '../outbound/fixed-defaults';
import { ACTIVITY_CHANGE, ASSIGNMENT_GROUP, AWAITING_CUSTOMER_NOTE, EXTERNALLY_QUEUED_NOTE, INTERACTION_TEXT, MIRROR_DESCRIPTION, MIRROR_SUMMARY, STATE_CODE, lastInteraction } from '../outbound/template-parts';
import type { JournalEntry } from '../outbound/written-by-bridge';
import { EarlierAttempt, JournalRules, entryLeftOut } from '../outbound/earlier-attempt';
import { holdsFields } from '../outbound/fields-hold';

/**
 * Zendesk's defaults. A template renders what to do to the ticket (`comment`, `public`, `status`, `group_id`) and
 * the adapter sends it as one `PUT /api/v2/tickets/{id}.json`, comment and fields applied together, so a send
 * whose comment the ticket shows (this delivery's, ADR 15) was applied whole. A close, cancel or reassign leaves out
 * a comment the bridge already wrote (it carries the last interaction, already sent as a note); a note never does.
 * Tangoe's notes are private by default.
 * Statuses: open, pending, hold, solved. A mirrored activity is created with `external_id` set, which finds it again.
 */
const STATE_CODES: Partial<Record<OutboundKind, string>> = { close: 'solved', cancel: 'solved', externally_queued: 'hold', awaiting_customer_response: 'pending', activity_ordered: 'open', activity_on_back_order: 'hold', activity_completed: 'solved', activity_cancelled: 'solved', activity_mirror: 'open' };

/** A private comment with the text, as every default writes. */
const privateComment = (text: string) => `"comment": ${text}, "public": false`;
const STATUS = `"status": ${STATE_CODE}`;
const ACTIVITY = `{${privateComment(ACTIVITY_CHANGE)}, ${STATUS}}`;

const TEMPLATES: Record<OutboundKind, string> = {
  note: `{${privateComment(INTERACTION_TEXT)}}`,
  close: `{${privateComment(lastInteraction('Solved at Tangoe'))}, ${STATUS}}`,
  cancel: `{${privateComment(lastInteraction('Canceled at Tangoe'))}, ${STATUS}}`,
  reassign: `{${privateComment(lastInteraction('Reassigned back by Tangoe'))}, "group_id": ${ASSIGNMENT_GROUP}}`,
  externally_queued: `{${privateComment(EXTERNALLY_QUEUED_NOTE)}, ${STATUS}}`,
  awaiting_customer_response: `{${privateComment(AWAITING_CUSTOMER_NOTE)}, ${STATUS}}`,
  activity_ordered: ACTIVITY,
  activity_on_back_order: ACTIVITY,
  activity_completed: ACTIVITY,
  activity_cancelled: ACTIVITY,
  activity_mirror: `{"subject": ${MIRROR_SUMMARY}, ${privateComment(MIRROR_DESCRIPTION)}, ${STATUS}}`,
};

interface ZendeskUpdate {
  comment?: string;
  public?: boolean;
  status?: string;
  group_id?: string | number;
  subject?: string;
}

/** A ticket's id: digits. */
const RECORD_IDS: RecordIdRules = { number: /^[0-9]{1,20}$/, example: '35436' };

export class ZendeskOutbound extends FixedDefaults(TEMPLATES, STATE_CODES) implements OutboundAdapter {
  readonly recordIds = RECORD_IDS;

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
    const fields = ticketOf({ ...(update.body as ZendeskUpdate), comment: undefined });
    return appliedByJournal(update, client, earlier, {
      journal: JOURNAL,
      search: () => findByExternalId(http, update.recordNumber, {}),
      entriesOf: (id) => commentsOf(http, id, {}),
      async holdsFields(id) {
        const shown = await http.get(`/api/v2/tickets/${encodeURIComponent(id)}.json`);
        return shown.status === 200 ? holdsFields((shown.data as { ticket?: Record<string, unknown> })?.ticket, fields) : sendResultOf(shown);
      },
    });
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
