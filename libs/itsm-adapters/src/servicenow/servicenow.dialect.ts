import { EventTypes } from '@bridge/contracts';
import { unwrapApiRecord } from '../api-record';
import type { CommentReading, InboundReading, ItsmDialect, RecordView } from '../dialect';
import { InboundPayloadError } from '../itsm-adapter';
import { parseInbound } from '../validation-problems';
import { rawValue } from './servicenow-values';
import { SERVICENOW_CLIENT_STATES, SERVICENOW_DEFAULT_FIELDS } from './servicenow-defaults';
import { SERVICENOW_TABLES, ServiceNowTable, ServiceNowWebhook } from './servicenow-webhook';

const SYS_ID = /^[0-9a-f]{32}$/;
const TABLE_BY_PREFIX: Readonly<Record<string, ServiceNowTable>> = { INC: 'incident', RITM: 'sc_req_item' };

/**
 * What the documented business rule posts under its own names, and where a Table API read finds the same fact: a
 * reference dot-walked in `sysparm_fields` (`caller_id.name`) comes back under that literal key.
 */
const API_NAMES: Readonly<Record<string, string>> = {
  caller_name: 'caller_id.name',
  caller_phone: 'caller_id.mobile_phone',
  caller_employee_number: 'caller_id.employee_number',
};

/**
 * ServiceNow as the bridge reads it: the documented business rule's webhook (docs/itsm/servicenow.md), or an
 * incident or requested item as the Table API returns it (`GET /api/now/table/incident/{sys_id}`: `{"result": …}`,
 * raw values, references as `{link, value}` or, with `sysparm_display_value=all`, `{display_value, value}`).
 */
export const SERVICENOW_DIALECT: ItsmDialect = {
  readsStatusSetter: true,
  defaultFields: SERVICENOW_DEFAULT_FIELDS,
  clientStates: (table) => SERVICENOW_CLIENT_STATES[(table ?? 'incident') as ServiceNowTable] ?? {},
  read(payload) {
    const api = unwrapApiRecord(payload, 'result', isTableApiRecord);
    return api ? readTableApiRecord(api, []) : readWebhook(parseInbound(ServiceNowWebhook, payload));
  },
  readApi(record, comments) {
    const api = unwrapApiRecord(record, 'result', isTableApiRecord);
    if (!api) throw new InboundPayloadError([{ field: 'result', problem: 'must be a Table API record with sys_id and number' }]);
    return readTableApiRecord(api, comments);
  },
};

function isTableApiRecord(value: Record<string, unknown>): boolean {
  return field(value, 'sys_id') !== undefined && field(value, 'number') !== undefined && !('event' in value);
}

function readWebhook(webhook: ServiceNowWebhook): InboundReading {
  const { record } = webhook;
  const journal = webhook.event === 'journal.added' ? webhook.journal : undefined;
  const version = record.sys_mod_count ?? record.sys_updated_on ?? '';
  const stateMoved = webhook.event === 'record.updated' && record.state !== undefined && record.previous_state !== record.state;
  return {
    change: webhook.event === 'record.inserted' ? 'created' : webhook.event === 'record.updated' ? 'updated' : 'commented',
    record: recordView(webhook.sys_id, record, webhook.table, 'record'),
    actor: journal ? journal.sys_created_by : webhook.event === 'record.inserted' ? (text(record.sys_created_by) ?? record.sys_updated_by) : record.sys_updated_by,
    comments: journal
      ? [{ commentId: journal.sys_id, text: journal.value, author: journal.sys_created_by, authorId: journal.sys_created_by, visibility: journal.element === 'comments' ? 'public' : 'internal', createdAt: journal.sys_created_on, idParts: [journal.sys_id, EventTypes.CommentAdded] }]
      : [],
    status: stateMoved
      ? { value: record.state!, changeId: `${webhook.sys_id}:${version}`, changedAt: record.sys_updated_on, note: text(record.close_notes), idParts: [webhook.sys_id, 'state', record.state!, version] }
      : undefined,
  };
}

/**
 * A record read from the Table API: the ticket as it is now, its journal entries (`sys_journal_field` records, each
 * with the id its `journal.added` webhook gives), its state whatever it is (the pipeline keeps an end state).
 */
function readTableApiRecord(record: Record<string, unknown>, journal: readonly unknown[]): InboundReading {
  const sysId = rawValue(record.sys_id);
  const number = rawValue(record.number).trim();
  const problems: Array<{ field: string; problem: string }> = [];
  if (!SYS_ID.test(sysId)) problems.push({ field: 'result.sys_id', problem: 'must be a ServiceNow sys_id (32 hex characters)' });
  if (number === '' || number.length > 100) problems.push({ field: 'result.number', problem: 'must be the record number' });
  const table = (rawValue(record.sys_class_name) || TABLE_BY_PREFIX[/^[A-Z]+/.exec(number)?.[0] ?? '']) as ServiceNowTable | undefined;
  if (!table || !SERVICENOW_TABLES.includes(table)) problems.push({ field: 'result.sys_class_name', problem: `must be one of ${SERVICENOW_TABLES.join(', ')} (or the number start INC or RITM)` });
  if (problems.length > 0) throw new InboundPayloadError(problems);
  const state = rawValue(record.state) || undefined;
  const version = rawValue(record.sys_mod_count) || rawValue(record.sys_updated_on);
  return {
    change: 'read',
    record: recordView(sysId, record, table!, 'result'),
    createdBy: rawValue(record.sys_created_by) || undefined,
    comments: journal.flatMap((entry) => journalComment(entry)),
    status: state
      ? { value: state, changeId: `${sysId}:${version}`, changedAt: rawValue(record.sys_updated_on) || undefined, note: field(record, 'close_notes'), by: rawValue(record.sys_updated_by) || undefined, idParts: [sysId, 'state', state, version] }
      : undefined,
  };
}

/** A `sys_journal_field` record as a comment; entries of other fields than comments and work notes are not. */
function journalComment(entry: unknown): CommentReading[] {
  if (entry === null || typeof entry !== 'object') return [];
  const fields = entry as Record<string, unknown>;
  const sysId = rawValue(fields.sys_id);
  const element = rawValue(fields.element);
  const text = rawValue(fields.value);
  if (!SYS_ID.test(sysId) || (element !== 'comments' && element !== 'work_notes') || text.trim() === '') return [];
  const author = rawValue(fields.sys_created_by) || undefined;
  return [{ commentId: sysId, text, author, authorId: author, visibility: element === 'comments' ? 'public' : 'internal', createdAt: rawValue(fields.sys_created_on) || undefined, idParts: [sysId, EventTypes.CommentAdded] }];
}

function recordView(sysId: string, record: Record<string, unknown>, table: ServiceNowTable, at: string): RecordView {
  const number = rawValue(record.number);
  return {
    key: number,
    idParts: [sysId],
    label: number,
    recordType: table,
    openedAt: rawValue(record.opened_at) || undefined,
    read: (name) => field(record, name) ?? (API_NAMES[name] ? field(record, API_NAMES[name]) : undefined),
    pathOf: (name) => `${at}.${name}`,
  };
}

/**
 * A field as text: the business rule's raw strings, the Table API's raw values, a reference by its display value
 * where the read asked for one, else its raw value (a sys_id). Empty strings mean "absent", as ServiceNow writes them.
 */
function field(record: Record<string, unknown>, name: string): string | undefined {
  const value = Object.hasOwn(record, name) ? record[name] : undefined;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const reference = value as Record<string, unknown>;
    return text(reference.display_value) ?? text(reference.value);
  }
  return text(value);
}

function text(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
