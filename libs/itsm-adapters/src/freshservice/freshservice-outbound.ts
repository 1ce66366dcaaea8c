import type { AxiosInstance } from 'axios';
import type { ClientConfig, OutboundKind } from '@bridge/clients-config';
import { htmlToText } from '../html-text';
import type { OutboundAdapter, RenderedUpdate, RequestPreview, SendResult } from '../outbound/outbound-adapter';
import { sendResultOf } from '../outbound/send-result';
import { RecordLookup, existsOrUndecided, recordLookupOf } from '../outbound/record-lookup';
import { FRESHSERVICE_READ_ONLY_FIELDS } from './freshservice-defaults';
import { FixedDefaultsOutbound, outboundBase } from '../outbound/fixed-defaults';
import { writtenByBridge } from '../outbound/written-by-bridge';

/**
 * Freshservice's defaults (API v2, Basic auth with the agent's API key as the user and "X" as the password). A
 * template renders `note` (text; `"private": false` for a reply the requester sees) and the ticket fields to set
 * (`status` as Freshservice's number: 2 Open, 3 Pending, 4 Resolved, 5 Closed; `group_id`; any other writable
 * field). The note goes first, `POST /api/v2/tickets/{id}/notes`, unless the ticket's conversation already holds
 * it; then the fields, read-only ones stripped, `PUT /api/v2/tickets/{id}`.
 */
const STATE_CODES: Partial<Record<OutboundKind, string>> = {
  close: '5',
  cancel: '5',
  externally_queued: '3',
  awaiting_customer_response: '3',
  activity_ordered: '2',
  activity_on_back_order: '3',
  activity_completed: '4',
  activity_cancelled: '5',
  activity_mirror: '2',
};

const last = (fallback: string) => `{{ support_request.interactions.last.text | default: "${fallback}" | json }}`;
const ACTIVITY_NOTE = '"note": {{ "Tangoe order " | append: activity.ticket_number | append: " (" | append: activity.activity_type | append: "): " | append: activity.state | json }}';

const TEMPLATES: Record<OutboundKind, string> = {
  note: '{"note": {{ interaction.text | json }}}',
  close: `{"note": ${last('Closed at Tangoe')}, "fields": {"status": {{ state_code | json }}}}`,
  cancel: `{"note": ${last('Canceled at Tangoe')}, "fields": {"status": {{ state_code | json }}}}`,
  reassign: `{"note": ${last('Reassigned back by Tangoe')}, "fields": {"group_id": {{ assignment_group | json }}}}`,
  externally_queued: '{"note": "Tangoe: Externally Queued, pending information from a third party.", "fields": {"status": {{ state_code | json }}}}',
  awaiting_customer_response: '{"note": "Tangoe: Awaiting Customer Response.", "fields": {"status": {{ state_code | json }}}}',
  activity_ordered: `{${ACTIVITY_NOTE}, "fields": {"status": {{ state_code | json }}}}`,
  activity_on_back_order: `{${ACTIVITY_NOTE}, "fields": {"status": {{ state_code | json }}}}`,
  activity_completed: `{${ACTIVITY_NOTE}, "fields": {"status": {{ state_code | json }}}}`,
  activity_cancelled: `{${ACTIVITY_NOTE}, "fields": {"status": {{ state_code | json }}}}`,
  activity_mirror:
    '{"create": {"subject": {{ "Tangoe order " | append: activity.ticket_number | append: ": " | append: activity.activity_type | json }}, ' +
    '"description": {{ "Mirrored from Tangoe Mobile. Ticket " | append: activity.ticket_number | append: ", for " | append: activity.user_name | json }}, ' +
    '"status": {{ state_code | json }}, "priority": 1, "email": "tangoe-bridge@invalid.example"}}',
};

interface FreshserviceUpdate {
  note?: string;
  private?: boolean;
  fields?: Record<string, unknown>;
  create?: Record<string, unknown>;
}

export class FreshserviceOutbound extends FixedDefaultsOutbound implements OutboundAdapter {
  constructor() {
    super(TEMPLATES, STATE_CODES);
  }

  preview(update: RenderedUpdate, client: ClientConfig): RequestPreview[] {
    const base = outboundBase(client);
    const body = update.body as FreshserviceUpdate;
    if (update.create) return [{ method: 'POST', url: `${base}/api/v2/tickets`, body: createBody(body, update.recordNumber) }];
    const id = update.lookupField ? '{id}' : update.recordNumber;
    return [
      ...(update.lookupField ? [{ method: 'GET', url: `${base}/api/v2/tickets/filter?query="${tagQuery(update.recordNumber)}"`, body: undefined }] : []),
      ...(body.note ? [{ method: 'POST', url: `${base}/api/v2/tickets/${id}/notes`, body: noteBody(body) }] : []),
      ...(body.fields ? [{ method: 'PUT', url: `${base}/api/v2/tickets/${id}`, body: writable(body.fields) }] : []),
    ];
  }

  async alreadyApplied(http: AxiosInstance, update: RenderedUpdate): Promise<boolean> {
    return update.create ? existsOrUndecided(await findByTag(http, update.recordNumber, {})) : false;
  }

  async send(http: AxiosInstance, update: RenderedUpdate, client: ClientConfig, headers: Record<string, string>): Promise<SendResult> {
    const body = update.body as FreshserviceUpdate;
    if (update.create) {
      const created = await http.post('/api/v2/tickets', createBody(body, update.recordNumber), { headers });
      const ticket = (created.data as { ticket?: { id?: number } })?.ticket;
      return { ...sendResultOf(created), created: ticket?.id !== undefined ? { id: String(ticket.id), number: String(ticket.id) } : undefined };
    }
    let id = update.recordNumber;
    if (update.lookupField) {
      const found = await findByTag(http, update.recordNumber, headers);
      if (found.failed) return found.failed;
      if (!found.id) return { status: 404, body: `no Freshservice ticket tagged ${update.recordNumber}` };
      id = found.id;
    }
    let answer: SendResult = { status: 200, body: 'already applied' };
    if (body.note) {
      const conversations = await http.get(`/api/v2/tickets/${encodeURIComponent(id)}/conversations`, { headers });
      if (conversations.status !== 200) return sendResultOf(conversations);
      const present = ((conversations.data as { conversations?: Array<{ body_text?: string; body?: string; user_id?: string | number }> }).conversations ?? []).some(
        (conversation) => writtenByBridge(conversation.user_id, client) && (conversation.body_text ?? htmlToText(conversation.body ?? '')) === body.note,
      );
      if (!present) {
        answer = sendResultOf(await http.post(`/api/v2/tickets/${encodeURIComponent(id)}/notes`, noteBody(body), { headers }));
        if (answer.status < 200 || answer.status >= 300) return answer;
      }
    }
    if (body.fields && Object.keys(writable(body.fields)).length > 0) answer = sendResultOf(await http.put(`/api/v2/tickets/${encodeURIComponent(id)}`, writable(body.fields), { headers }));
    return answer;
  }
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
