import type { ClientConfig } from '@bridge/clients-config';
import { parseItsmTime } from '../itsm-time';
import { equals } from './ar-rest';
import { ChangedPage, ReadHttp, RecordRead, RecordReader, RecordRef, okData } from '../reconcile/record-reader';

const INCIDENTS = '/api/arsys/v1/entry/HPD:IncidentInterface';
const WORK_LOGS = '/api/arsys/v1/entry/HPD:WorkLog';

/**
 * BMC Helix through the AR REST API: `HPD:IncidentInterface` entries with `'Last Modified Date'` at or after a time,
 * sorted by it and `Request ID` (`sort=Last Modified Date.asc,Request ID.asc`), the next page from the last entry on
 * (`'Last Modified Date' > t OR ('Last Modified Date' = t AND 'Request ID' > id)`); then the page's work logs from
 * `HPD:WorkLog` in one query by `Incident Number`. The login needs read on both forms.
 */
export class BmcHelixReader implements RecordReader {
  async changedSince(http: ReadHttp, _client: ClientConfig, since: Date, cursor: string | undefined, pageSize: number): Promise<ChangedPage> {
    const after = cursor ? (JSON.parse(cursor) as { t: string; id: string }) : undefined;
    const q = after ? `'Last Modified Date' > "${after.t}" OR ('Last Modified Date' = "${after.t}" AND 'Request ID' > "${after.id}")` : `'Last Modified Date' >= "${since.toISOString()}"`;
    const listed = okData(await http(INCIDENTS, { q, sort: 'Last Modified Date.asc,Request ID.asc', limit: pageSize }), 'GET HPD:IncidentInterface') as { entries?: Array<{ values?: Record<string, unknown> }> };
    const entries = Array.isArray(listed.entries) ? listed.entries.filter((entry) => entry?.values && typeof entry.values['Incident Number'] === 'string') : [];
    if (entries.length === 0) return { records: [] };
    const numbers = entries.map((entry) => String(entry.values!['Incident Number']));
    const logs = okData(await http(WORK_LOGS, { q: numbers.map((number) => `'Incident Number' = "${number}"`).join(' OR '), sort: 'Submit Date.asc' }), 'GET HPD:WorkLog') as { entries?: Array<{ values?: Record<string, unknown> }> };
    const workLogs = Array.isArray(logs.entries) ? logs.entries : [];
    const last = entries[entries.length - 1].values!;
    return {
      records: entries.map((entry) => ({ record: entry, comments: workLogs.filter((log) => log?.values?.['Incident Number'] === entry.values!['Incident Number']) })),
      cursor: entries.length < pageSize ? undefined : JSON.stringify({ t: String(last['Last Modified Date']), id: String(last['Request ID']) }),
      newestChange: parseItsmTime(String(last['Last Modified Date'])),
    };
  }

  /** The incident by `'Incident Number'`, then its work logs; none when Helix has no such incident. */
  async readOne(http: ReadHttp, _client: ClientConfig, ref: RecordRef): Promise<RecordRead | undefined> {
    const listed = okData(await http(INCIDENTS, { q: equals('Incident Number', ref.key) }), `GET incident ${ref.key}`) as { entries?: unknown[] };
    const entry = Array.isArray(listed.entries) ? listed.entries[0] : undefined;
    if (!entry) return undefined;
    const logs = okData(await http(WORK_LOGS, { q: equals('Incident Number', ref.key), sort: 'Submit Date.asc' }), `GET ${ref.key}'s work logs`) as { entries?: unknown[] };
    return { record: entry, comments: Array.isArray(logs.entries) ? logs.entries : [] };
  }
}
