import type { AxiosInstance } from 'axios';
import type { ClientConfig, OutboundKind } from '@bridge/clients-config';
import { htmlToText } from '../html-text';
import type { OutboundAdapter, RenderedUpdate, RequestPreview, SendResult } from '../outbound/outbound-adapter';
import { sendResultOf } from '../outbound/send-result';
import type { RecordIdRules } from '../outbound/record-ids';
import { RecordLookup, recordIdOf, recordLookupOf } from '../outbound/record-lookup';
import { appliedByJournal } from '../outbound/applied-by-journal';
import { FRESHSERVICE_READ_ONLY_FIELDS } from './freshservice-defaults';
import { FixedDefaults, outboundBase } from '../outbound/fixed-defaults';
import { ACTIVITY_CHANGE, ASSIGNMENT_GROUP, AWAITING_CUSTOMER_NOTE, EXTERNALLY_QUEUED_NOTE, INTERACTION_TEXT, MIRROR_DESCRIPTION, MIRROR_SUMMARY, STATE_CODE, lastInteraction } from '../outbound/template-parts';
import { holdsFields } from '../outbound/fields-hold';
import type { JournalEntry } from '../outbound/written-by-bridge';
import { EarlierAttempt, JournalRules, entryLeftOut } from '../outbound/earlier-attempt';
import { CONVERSATIONS_PER_PAGE, MAX_CONVERSATION_PAGES, conversationsOf } from './freshservice-conversations';

/**
 * Freshservice's defaults (API v2, Basic auth with the agent's API key as the user and "X" as the password). A
 * template renders `note` (text; `"private": false` for a reply the requester sees) and the ticket fields to set
 * (`status` as Freshservice's number: 2 Open, 3 Pending, 4 Resolved, 5 Closed; `group_id`; any other writable
 * field). The fields go first, read-only ones stripped, `PUT /api/v2/tickets/{id}`; then the note,
 * `POST /api/v2/tickets/{id}/notes`, last, so that the note, this delivery's (ADR 15), proves the whole update
 * arrived (`alreadyApplied`). A close, cancel or reassign leaves out a note the bridge already wrote (it carries the
 * last interaction, already sent as a note); a note never does.
 */
const STATE_CODES: Partial<Record<OutboundKind, string>> = { close: '5', cancel: '5', externally_queued: '3', awaiting_customer_response: '3', activity_ordered: '2', activity_on_back_order: '3', activity_completed: '4', activity_cancelled: '5', activity_mirror: '2' };

const STATUS = `"fields": {"status": ${STATE_CODE}}`;
const ACTIVITY = `{"note": ${ACTIVITY_CHANGE}, ${STATUS}}`;

const TEMPLATES: Record<OutboundKind, string> = {
  note: `{"note": ${INTERACTION_TEXT}}`,
  close: `{"note": ${lastInteraction('Closed at Tangoe')}, ${STATUS}}`,
  cancel: `{"note": ${lastInteraction('Canceled at Tangoe')}, ${STATUS}}`,
  reassign: `{"note": ${lastInteraction('Reassigned back by Tangoe')}, "fields": {"group_id": ${ASSIGNMENT_GROUP}}}`,
  externally_queued: `{"note": ${EXTERNALLY_QUEUED_NOTE}, ${STATUS}}`,
  awaiting_customer_response: `{"note": ${AWAITING_CUSTOMER_NOTE}, ${STATUS}}`,
  activity_ordered: ACTIVITY,
  activity_on_back_order: ACTIVITY,
  activity_completed: ACTIVITY,
  activity_cancelled: ACTIVITY,
  activity_mirror: `{"create": {"subject": ${MIRROR_SUMMARY}, "description": ${MIRROR_DESCRIPTION}, "status": ${STATE_CODE}, "priority": 1, "email": "tangoe-bridge@invalid.example"}}`,
};

interface FreshserviceUpdate {
  note?: string;
  private?: boolean;
  fields?: Record<string, unknown>;
  create?: Record<string, unknown>;
}

/** A ticket's id: digits (the display id `#INC-4521` is not what the API takes). */
const RECORD_IDS: RecordIdRules = { number: /^[0-9]{1,20}$/, example: '4521' };

export class FreshserviceOutbound extends FixedDefaults(TEMPLATES, STATE_CODES) implements OutboundAdapter {
  readonly recordIds = RECORD_IDS;

  preview(update: RenderedUpdate, client: ClientConfig): RequestPreview[] {
    const base = outboundBase(client);
    const body = update.body as FreshserviceUpdate;
    if (update.create) return [{ method: 'POST', url: `${base}/api/v2/tickets`, body: createBody(body, update.recordNumber) }];
    const id = update.lookupField ? '{id}' : update.recordNumber;
    return [
      ...(update.lookupField ? [{ method: 'GET', url: `${base}/api/v2/tickets/filter?query="${tagQuery(update.recordNumber)}"`, body: undefined }] : []),
      ...(body.fields ? [{ method: 'PUT', url: `${base}/api/v2/tickets/${id}`, body: writable(body.fields) }] : []),
      ...(body.note ? [{ method: 'GET', url: `${base}/api/v2/tickets/${id}/conversations?per_page=${CONVERSATIONS_PER_PAGE}&page={1, 2, …}`, body: undefined }] : []),
      ...(body.note ? [{ method: 'POST', url: `${base}/api/v2/tickets/${id}/notes`, body: noteBody(body) }] : []),
    ];
  }

  /**
   * A create made the ticket if one carries its tag; an update with a note is there if its note is (written last),
   * or, when its note was the bridge's already and so not written, if the ticket holds its fields.
   */
  async alreadyApplied(http: AxiosInstance, update: RenderedUpdate, client: ClientConfig, earlier: EarlierAttempt): Promise<boolean> {
    const fields = writable((update.body as FreshserviceUpdate).fields ?? {});
    return appliedByJournal(update, client, earlier, {
      journal: JOURNAL,
      search: () => findByTag(http, update.recordNumber, {}),
      entriesOf: (id) => notesOf(http, id, {}),
      holdsFields: (id) => fieldsHeld(http, id, fields, {}),
    });
  }

  /** The fields, then the note; on a send after an earlier attempt (`earlier`), fields the ticket already holds are left. */
  async send(http: AxiosInstance, update: RenderedUpdate, client: ClientConfig, headers: Record<string, string>, earlier?: EarlierAttempt): Promise<SendResult> {
    const body = update.body as FreshserviceUpdate;
    if (update.create) {
      const created = await http.post('/api/v2/tickets', createBody(body, update.recordNumber), { headers });
      const ticket = (created.data as { ticket?: { id?: number } })?.ticket;
      return { ...sendResultOf(created), created: ticket?.id !== undefined ? { id: String(ticket.id), number: String(ticket.id) } : undefined };
    }
    const id = await recordIdOf(update, () => findByTag(http, update.recordNumber, headers));
    if (typeof id !== 'string') return id.failed ?? { status: 404, body: `no Freshservice ticket tagged ${update.recordNumber}` };
    const path = `/api/v2/tickets/${encodeURIComponent(id)}`;
    let answer: SendResult = { status: 200, body: 'nothing to send' };
    const fields = writable(body.fields ?? {});
    if (Object.keys(fields).length > 0) {
      const held = earlier ? await fieldsHeld(http, id, fields, headers) : false;
      if (typeof held !== 'boolean') return held;
      if (!held) {
        answer = sendResultOf(await http.put(path, fields, { headers }));
        if (answer.status < 200 || answer.status >= 300) return answer;
      }
    }
    if (body.note) {
      const notes = await notesOf(http, id, headers);
      if (!Array.isArray(notes)) return notes;
      if (!entryLeftOut(JOURNAL, notes, update, client, earlier)) answer = sendResultOf(await http.post(`${path}/notes`, noteBody(body), { headers }));
    }
    return answer;
  }
}

/** An update's note is its journal entry; a repeat is left out of all but a note. */
const JOURNAL: JournalRules = { textOf: (update) => (update.body as FreshserviceUpdate).note || undefined, leavesOutRepeats: true };

/** Whether the ticket holds every field, or the answer that could not say. */
async function fieldsHeld(http: AxiosInstance, id: string, fields: Record<string, unknown>, headers: Record<string, string>): Promise<boolean | SendResult> {
  const shown = await http.get(`/api/v2/tickets/${encodeURIComponent(id)}`, { headers });
  if (shown.status !== 200) return sendResultOf(shown);
  return holdsFields((shown.data as { ticket?: Record<string, unknown> })?.ticket, fields);
}

/**
 * The ticket's conversation as journal entries, every page of it: an answer that is no list is passed on, and so is
 * a conversation too long to read through, which cannot say whether the note is there (parked for an operator).
 */
async function notesOf(http: AxiosInstance, id: string, headers: Record<string, string>): Promise<JournalEntry[] | SendResult> {
  const read = await conversationsOf((params) => http.get(`/api/v2/tickets/${encodeURIComponent(id)}/conversations`, { headers, params }));
  if (read.failed) return sendResultOf(read.failed);
  if (!read.complete) return { status: 422, body: `ticket ${id} has more than ${MAX_CONVERSATION_PAGES} pages of conversations: the bridge reads no further, so it cannot tell whether its note is there` };
  const listed = read.conversations as Array<{ body_text?: string; body?: string; user_id?: string | number; created_at?: string }>;
  return listed.map((conversation) => ({ author: conversation.user_id, text: conversation.body_text ?? htmlToText(conversation.body ?? ''), createdAt: conversation.created_at }));
}

function noteBody(update: FreshserviceUpdate): Record<string, unknown> {
  return { body: escapeHtml(update.note ?? '').replace(/\n/g, '<br>'), private: update.private !== false };
}

/** The ticket's fields with what Freshservice computes itself left out, and numeric strings as numbers. */
function writable(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields)
      .filter(([name, value]) => !(FRESHSERVICE_READ_ONLY_FIELDS as readonly string[]).includes(name) && value !== null && value !== undefined && value !== '')
      .map(([name, value]) => [name, typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value]),
  );
}

/** A mirror: the ticket's writable fields, tagged with the correlation id that finds it again. */
function createBody(update: FreshserviceUpdate, tag: string): Record<string, unknown> {
  const fields = writable(update.create ?? {});
  return { ...fields, tags: [...((fields.tags as string[] | undefined) ?? []), tag] };
}

function tagQuery(tag: string): string {
  return `tag:'${tag.replace(/['"\\]/g, '')}'`;
}

async function findByTag(http: AxiosInstance, tag: string, headers: Record<string, string>): Promise<RecordLookup> {
  const found = await http.get('/api/v2/tickets/filter', { headers, params: { query: `"${tagQuery(tag)}"` } });
  return recordLookupOf(found, (data) => (data as { tickets?: Array<{ id: number }> }).tickets?.[0]?.id);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
