import type { AxiosInstance } from 'axios';
import type { ClientConfig, OutboundKind } from '@bridge/clients-config';
import type { OutboundAdapter, RenderedUpdate, RequestPreview, SendResult } from '../outbound/outbound-adapter';
import { sendResultOf } from '../outbound/send-result';
import type { RecordIdRules } from '../outbound/record-ids';
import { encodedQueryValue } from './encoded-query';
import { RecordLookup, UndecidedCheck, existsOrUndecided, recordLookupOf } from '../outbound/record-lookup';
import { EarlierAttempt, JournalRules, entryProof } from '../outbound/earlier-attempt';
import { ASSIGNMENT_GROUP, AWAITING_CUSTOMER_NOTE, EXTERNALLY_QUEUED_NOTE, INTERACTION_TEXT, MIRROR_SUMMARY, STATE_CODE, lastInteraction } from '../outbound/template-parts';

/**
 * ServiceNow's defaults (issue: close = 7 with a close code and close notes, resolve = 6, cancel = 8, note =
 * work_notes, reassign = assignment_group; an sc_req_item closes complete with 3). The close body extends the
 * seed's closure payload `{number, state, work_notes}`.
 */
const INCIDENT_CODES: Partial<Record<OutboundKind, string>> = { close: '7', cancel: '8', externally_queued: '3', awaiting_customer_response: '3' };
const REQUEST_ITEM_CODES: Partial<Record<OutboundKind, string>> = { close: '3', cancel: '4', externally_queued: '2', awaiting_customer_response: '2' };
/**
 * An activity's record (a RITM by default): ordered = 2 Work in Progress, on back order = -5 Pending, completed =
 * 3 Closed Complete (the seed's `"state": "3"`), cancelled = 4 Closed Incomplete; a mirror starts at 1 Open. An
 * incident mirror uses the incident's: 2 In Progress, 3 On Hold, 7 Closed, 8 Canceled.
 */
const ACTIVITY_CODES: Record<ActivityTable, Partial<Record<OutboundKind, string>>> = {
  sc_req_item: { activity_mirror: '1', activity_ordered: '2', activity_on_back_order: '-5', activity_completed: '3', activity_cancelled: '4' },
  incident: { activity_mirror: '1', activity_ordered: '2', activity_on_back_order: '3', activity_completed: '7', activity_cancelled: '8' },
};
type ActivityTable = 'incident' | 'sc_req_item';

/** Seed 001's completion text ("Your mobility request has been completed. The details are as follows: …"), every line filled. */
const ACTIVITY_DETAILS =
  'Assigned to: {{ activity.assigned_to }}\n  Ticket Number: {{ activity.ticket_number }}\n  Submitted Date / Time: {{ activity.submitted_at }}\n' +
  '  Requestor name / email: {{ activity.requestor_name }} / {{ activity.requestor_email }}\n  Ticket Type: {{ activity.activity_type }}\n' +
  '  User Name: {{ activity.user_name }}\n  Wireless Carrier: {{ activity.carrier }}\n  Phone Number: {{ activity.phone_number }}\n' +
  '  Device: {{ activity.device }}\n  Plan: {{ activity.plan }}\n  Plan Costs: {{ activity.plan_cost }}\n  Area Code: {{ activity.area_code }}\n' +
  '  Preferred Address: {{ activity.preferred_address }}\n  Shipping Address: {{ activity.shipping_address }}\n' +
  '  Order Tracking URL: {{ activity.tracking_url }}\n  Port / TOL information: {{ activity.port_information }}\n' +
  '  Existing Phone Number: {{ activity.existing_phone_number }}\n  Account Number: {{ activity.account_number }}\n' +
  '  Name: {{ activity.account_name }}\n  Transfer Notes: {{ activity.transfer_notes }}';

/** `{"number": …, "state": …, "work_notes": …}` (seed 001, figure 3); the number only where the record is known by it. */
function activityUpdate(notes: string): string {
  return (
    `{% capture notes %}${notes}{% endcapture %}{ ` +
    '{% if record.number != "" %}"number": {{ record.number | json }}, {% endif %}' +
    `"state": ${STATE_CODE}, "work_notes": {{ notes | json }}}`
  );
}

const TEMPLATES: Record<OutboundKind, string> = {
  note: `{"work_notes": ${INTERACTION_TEXT}}`,
  close:
    `{"number": {{ support_request.external_source_id | json }}, "state": ${STATE_CODE}, "close_code": {{ close_code | json }}, ` +
    `"close_notes": ${lastInteraction('Closed at Tangoe')}, "work_notes": ${lastInteraction('Closed at Tangoe')}}`,
  cancel: `{"state": ${STATE_CODE}, "work_notes": ${lastInteraction('Canceled at Tangoe')}}`,
  reassign: `{"assignment_group": ${ASSIGNMENT_GROUP}, "work_notes": ${lastInteraction('Reassigned back by Tangoe')}}`,
  externally_queued: `{"state": ${STATE_CODE}, "work_notes": ${EXTERNALLY_QUEUED_NOTE}}`,
  awaiting_customer_response: `{"state": ${STATE_CODE}, "work_notes": ${AWAITING_CUSTOMER_NOTE}}`,
  activity_ordered: activityUpdate('Your mobility request {{ activity.ticket_number }} ({{ activity.activity_type }}) has been ordered.'),
  activity_on_back_order: activityUpdate('Your mobility request {{ activity.ticket_number }} ({{ activity.activity_type }}) is on back order.'),
  activity_completed: activityUpdate(`Your mobility request has been completed. The details are as follows:\n${ACTIVITY_DETAILS}`),
  activity_cancelled: activityUpdate('Your mobility request {{ activity.ticket_number }} ({{ activity.activity_type }}) has been cancelled.{% if activity.transfer_notes != "" %} {{ activity.transfer_notes }}{% endif %}'),
  activity_mirror:
    `{% capture description %}Mirrored from Tangoe Mobile.\n${ACTIVITY_DETAILS}{% endcapture %}` +
    `{"short_description": ${MIRROR_SUMMARY}, "description": {{ description | json }}, ` +
    `"correlation_id": {{ record.correlation_id | json }}, "correlation_display": "Tangoe Mobile", "state": ${STATE_CODE}}`,
};

/** A number is its table's prefix and digits (`INC0010001`, `RITM0010001`): never a `^`, which starts another clause. */
const RECORD_IDS: RecordIdRules = { number: /^[A-Za-z_]{1,20}[0-9]{1,32}$/, example: 'INC0010001' };

export class ServiceNowOutbound implements OutboundAdapter {
  readonly recordIds = RECORD_IDS;

  defaultTemplates(): Record<OutboundKind, string> {
    return TEMPLATES;
  }

  defaultStateCodes(client: ClientConfig): Partial<Record<OutboundKind, string>> {
    return { ...(ticketTable(client) === 'sc_req_item' ? REQUEST_ITEM_CODES : INCIDENT_CODES), ...ACTIVITY_CODES[activityTable(client)] };
  }

  preview(update: RenderedUpdate, client: ClientConfig): RequestPreview[] {
    const base = `${client.outbound!.baseUrl.replace(/\/$/, '')}/api/now/table/${table(update, client)}`;
    if (update.create) return [{ method: 'POST', url: base, body: update.body }];
    return [
      { method: 'GET', url: `${base}?sysparm_query=${lookup(update)}&sysparm_fields=sys_id`, body: undefined },
      { method: 'PATCH', url: `${base}/{sys_id}`, body: update.body },
    ];
  }

  /**
   * Before a send again. A PATCH applies all of its fields and its journal entry at once, and always writes that
   * entry, so an update with one is at the record when the bridge's entries of that field with its text, since the
   * first attempt began, outnumber the earlier deliveries of the ticket that wrote it (`entryProof`: a close carries
   * the note sent just before it), whatever the record's fields say now: the caller may have changed them since
   * (cancelled upon reading the note), and sending again would overwrite that. An update without one is there when
   * its fields hold their values.
   */
  async alreadyApplied(http: AxiosInstance, update: RenderedUpdate, client: ClientConfig, earlier: EarlierAttempt): Promise<boolean> {
    // A create whose answer was lost made the record if one carries its correlation id.
    if (update.create) return existsOrUndecided(await findSysId(http, update, client, {}));
    // Both the value and the display value of each field: a reassign sends the group's name, the record holds its sys_id.
    const found = await http.get(`/api/now/table/${table(update, client)}`, { params: { sysparm_query: lookup(update), sysparm_display_value: 'all', sysparm_exclude_reference_link: true } });
    if (found.status !== 200) throw new UndecidedCheck(sendResultOf(found));
    const record = (found.data as { result?: Array<Record<string, unknown>> }).result?.[0];
    if (!record) return false;
    const journal = journalEntryOf(update);
    if (!journal) return Object.entries(update.body).every(([field, value]) => JOURNAL_FIELDS.includes(field) || holds(record[field], value));
    // The newest entries of that field, compared here: a note's text in an encoded query would break at its first `^`
    // and make the URL as long as the note.
    const entries = await http.get('/api/now/table/sys_journal_field', {
      params: {
        sysparm_query: `element_id=${valueOf(record.sys_id)}^element=${journal.element}^ORDERBYDESCsys_created_on`,
        sysparm_fields: 'value,sys_created_by,sys_created_on',
        sysparm_limit: RECENT_JOURNAL_ENTRIES,
      },
    });
    if (entries.status !== 200) throw new UndecidedCheck(sendResultOf(entries));
    const recent = (entries.data as { result?: Array<{ value?: string; sys_created_by?: string; sys_created_on?: string }> }).result ?? [];
    const written = recent.map((entry) => ({ author: entry.sys_created_by, text: entry.value ?? '', createdAt: entry.sys_created_on }));
    return entryProof(journalRulesOf(journal.element), written, update, client, earlier) === true;
  }

  /** The Table API updates by sys_id: find it by number, then PATCH. A missing record is the client's 404. */
  async send(http: AxiosInstance, update: RenderedUpdate, client: ClientConfig, headers: Record<string, string>): Promise<SendResult> {
    const path = `/api/now/table/${table(update, client)}`;
    if (update.create) {
      const created = await http.post(path, update.body, { headers });
      const record = (created.data as { result?: { sys_id?: string; number?: string } })?.result;
      return { ...sendResultOf(created), created: record?.sys_id ? { id: record.sys_id, number: record.number } : undefined };
    }
    const found = await findSysId(http, update, client, headers);
    if (found.failed) return found.failed;
    if (!found.id) return { status: 404, body: `no ${table(update, client)} with ${lookup(update)}` };
    return sendResultOf(await http.patch(`${path}/${found.id}`, update.body, { headers }));
  }
}

async function findSysId(http: AxiosInstance, update: RenderedUpdate, client: ClientConfig, headers: Record<string, string>): Promise<RecordLookup> {
  const found = await http.get(`/api/now/table/${table(update, client)}`, { headers, params: { sysparm_query: lookup(update), sysparm_fields: 'sys_id' } });
  return recordLookupOf(found, (data) => (data as { result?: Array<{ sys_id: string }> }).result?.[0]?.sys_id);
}

/** The encoded query that finds the update's record: by number, or by the field the update names. */
function lookup(update: RenderedUpdate): string {
  return `${update.lookupField ?? 'number'}=${encodedQueryValue(update.recordNumber)}`;
}

/**
 * How far back a send without an answer is looked for among the field's entries: it was the bridge's latest write
 * to the record, so only the entries written since (the caller's or an agent's, within seconds) come after it.
 */
const RECENT_JOURNAL_ENTRIES = 50;

/** The record's journal fields: text appended on every write, which is what would show twice. */
const JOURNAL_FIELDS = ['work_notes', 'comments'];

/** The journal entry an update writes, if any. */
function journalEntryOf(update: RenderedUpdate): { element: string; value: string } | undefined {
  for (const element of JOURNAL_FIELDS) {
    const value = journalText(update, element);
    if (value !== undefined) return { element, value };
  }
  return undefined;
}

/** The text an update writes to one journal field (`work_notes`, `comments`), if any. */
function journalText(update: RenderedUpdate, element: string): string | undefined {
  const value = update.body[element];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Each update writes its entry, a repeat included: a PATCH applies what it carries. */
function journalRulesOf(element: string): JournalRules {
  return { textOf: (update) => journalText(update, element), leavesOutRepeats: false };
}

/** A field's value as the Table API returns it: plain, or `{value, display_value}` with `sysparm_display_value=all`. */
function valueOf(field: unknown): string {
  return field !== null && typeof field === 'object' ? String((field as { value?: unknown }).value ?? '') : String(field ?? '');
}

/** A field as the Table API returns it holds what was sent: as its value, or as its display value (a reference's name). */
function holds(actual: unknown, sent: unknown): boolean {
  const expected = String(sent ?? '');
  if (actual !== null && typeof actual === 'object') {
    const { value, display_value } = actual as { value?: unknown; display_value?: unknown };
    return String(value ?? '') === expected || String(display_value ?? '') === expected;
  }
  return String(actual ?? '') === expected;
}

function table(update: RenderedUpdate, client: ClientConfig): 'incident' | 'sc_req_item' {
  return update.kind.startsWith('activity_') ? activityTable(client) : ticketTable(client);
}

function ticketTable(client: ClientConfig): 'incident' | 'sc_req_item' {
  return client.outbound?.recordType ?? 'incident';
}

/** Activities update the seed's RITM unless the client names another table. */
function activityTable(client: ClientConfig): ActivityTable {
  return client.activities?.recordType ?? 'sc_req_item';
}

