import type { ClientConfig } from '@bridge/clients-config';
import { rawValue } from './servicenow-values';
import { fitsEncodedQuery } from './encoded-query';
import { ChangedPage, ReadHttp, RecordRead, RecordReader, RecordRef, okData } from '../reconcile/record-reader';

/**
 * ServiceNow through the Table API (docs/itsm/servicenow.md, "Reconciliation"): the client's table
 * (`outbound.recordType`, incident by default) ordered by `sys_updated_on` then `sys_id`, from the cursor on
 * (`sys_updated_on>t^NQsys_updated_on=t^sys_id>id`), display values beside raw ones; then the page's journal entries
 * from `sys_journal_field` in one query (`element_idIN…`), oldest first. The integration user needs read on both.
 */
export class ServiceNowReader implements RecordReader {
  async changedSince(http: ReadHttp, client: ClientConfig, since: Date, cursor: string | undefined, pageSize: number): Promise<ChangedPage> {
    const table = client.outbound?.recordType ?? 'incident';
    const after = cursor ? (JSON.parse(cursor) as { t: string; id: string }) : undefined;
    const order = '^ORDERBYsys_updated_on^ORDERBYsys_id';
    const query = after ? `sys_updated_on>${after.t}^NQsys_updated_on=${after.t}^sys_id>${after.id}${order}` : `sys_updated_on>=${serviceNowTime(since)}${order}`;
    const listed = okData(await http(`/api/now/table/${table}`, { sysparm_query: query, sysparm_limit: pageSize, sysparm_display_value: 'all', sysparm_exclude_reference_link: 'true' }), `GET ${table}`);
    const records = ((listed as { result?: unknown }).result ?? []) as Array<Record<string, unknown>>;
    if (!Array.isArray(records) || records.length === 0) return { records: [] };

    const ids = records.map((record) => rawValue(record.sys_id));
    const journal = okData(await http('/api/now/table/sys_journal_field', { sysparm_query: `element_idIN${ids.join(',')}^ORDERBYsys_created_on` }), 'GET sys_journal_field');
    const entries = ((journal as { result?: unknown }).result ?? []) as Array<Record<string, unknown>>;
    const last = records[records.length - 1];
    return {
      records: records.map((record) => ({ record, comments: entries.filter((entry) => rawValue(entry.element_id) === rawValue(record.sys_id)) })),
      cursor: records.length < pageSize ? undefined : JSON.stringify({ t: rawValue(last.sys_updated_on), id: rawValue(last.sys_id) }),
      newestChange: parseServiceNowTime(rawValue(last.sys_updated_on)),
    };
  }

  /** The record by its sys_id (a query, which answers an empty list rather than 404), then its journal, oldest first. */
  readOne(http: ReadHttp, client: ClientConfig, ref: RecordRef): Promise<RecordRead | undefined> {
    return readServiceNowRecord(http, client, ref);
  }
}

async function readServiceNowRecord(http: ReadHttp, client: ClientConfig, ref: RecordRef): Promise<RecordRead | undefined> {
  // A sys_id that would add a clause to the query is no record's: the webhook's own events go, as for one not found.
  if (!fitsEncodedQuery(ref.id)) return undefined;
  const table = ref.recordType === 'sc_req_item' || ref.recordType === 'incident' ? ref.recordType : (client.outbound?.recordType ?? 'incident');
  const listed = okData(await http(`/api/now/table/${table}`, { sysparm_query: `sys_id=${ref.id}`, sysparm_limit: 1, sysparm_display_value: 'all', sysparm_exclude_reference_link: 'true' }), `GET ${table} ${ref.key}`);
  const record = ((listed as { result?: unknown[] }).result ?? [])[0];
  if (!record) return undefined;
  const journal = okData(await http('/api/now/table/sys_journal_field', { sysparm_query: `element_id=${ref.id}^ORDERBYsys_created_on` }), `GET ${ref.key}'s journal`);
  return { record, comments: ((journal as { result?: unknown[] }).result ?? []) as unknown[] };
}

/** ServiceNow's raw date-time: "yyyy-MM-dd HH:mm:ss" in UTC. */
function serviceNowTime(time: Date): string {
  return time.toISOString().replace('T', ' ').slice(0, 19);
}

function parseServiceNowTime(value: string): Date | undefined {
  const parsed = new Date(`${value.replace(' ', 'T')}Z`);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}
