import { parse } from 'csv-parse/sync';
import { ActivityDetails, EventEnvelope } from '@bridge/contracts';
import { activityChangeOf, isActivityState } from './activity-changes';

/**
 * Seed 001 option 2: the activity report a client schedules in Tangoe's portal, dropped on SFTP as CSV with a
 * header row. The columns the bridge reads, by header (case and spacing ignored); others are left alone. The
 * portal's report builder names its columns, so these are the bridge's defaults (docs/adr/0009).
 */
const REQUIRED = { activityId: 'activity id', state: 'state', updatedAt: 'updated at' } as const;
const DETAIL_COLUMNS: Readonly<Record<string, keyof ActivityDetails>> = {
  'activity type': 'activityType',
  'ticket number': 'ticketNumber',
  'remote activity id': 'remoteActivityId',
  'submitted at': 'submittedAt',
  'assigned to': 'assignedTo',
  'requestor name': 'requestorName',
  'requestor email': 'requestorEmail',
  'user name': 'userName',
  carrier: 'carrier',
  'phone number': 'phoneNumber',
  device: 'device',
  plan: 'plan',
  'plan cost': 'planCost',
  'area code': 'areaCode',
  'preferred address': 'preferredAddress',
  'shipping address': 'shippingAddress',
  'tracking url': 'trackingUrl',
  'port information': 'portInformation',
  'existing phone number': 'existingPhoneNumber',
  'account number': 'accountNumber',
  'account name': 'accountName',
  'transfer notes': 'transferNotes',
};

export interface ReportProblem {
  /** 1-based line of the file; 1 is the header. */
  line: number;
  message: string;
}

export interface ParsedReport {
  events: Array<EventEnvelope<'StateChanged'>>;
  problems: ReportProblem[];
}

/**
 * Turns a report into the events its rows stand for, one per row, with the ids a poll or a push gives the same
 * change: a row already learned another way is no new event. A row that cannot be read is reported with its
 * line and the others are used; a file without the required columns is one problem on line 1.
 */
export function parseActivityReport(csv: string, clientId: string, source: string): ParsedReport {
  const problems: ReportProblem[] = [];
  let rows: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    rows = parse(csv, {
      columns: (header: string[]) => header.map(normalize),
      skip_empty_lines: true,
      trim: true,
      bom: true,
      info: true,
      skip_records_with_error: true,
      on_skip: (error: { lines?: number; message: string } | undefined) => {
        if (error) problems.push({ line: error.lines ?? 0, message: error.message });
      },
    });
  } catch (error) {
    return { events: [], problems: [{ line: 1, message: `the report cannot be read: ${(error as Error).message}` }] };
  }
  const columns = new Set(rows[0] ? Object.keys(rows[0].record) : headerOf(csv));
  const missing = Object.values(REQUIRED).filter((column) => !columns.has(column));
  if (missing.length > 0) return { events: [], problems: [{ line: 1, message: `the report has no column ${missing.map((c) => `"${c}"`).join(', ')}` }, ...problems] };

  const events: Array<EventEnvelope<'StateChanged'>> = [];
  for (const { record, info } of rows) {
    const line = info.lines;
    const id = record[REQUIRED.activityId];
    const state = record[REQUIRED.state];
    const updatedAt = record[REQUIRED.updatedAt];
    const rowProblems: string[] = [];
    if (!/^\d+$/.test(id ?? '')) rowProblems.push(`Activity ID "${id ?? ''}" is not a number`);
    if (!isActivityState(state ?? '')) rowProblems.push(`State "${state ?? ''}" is not one of ordered, on_back_order, completed, cancelled`);
    if (Number.isNaN(Date.parse(updatedAt ?? ''))) rowProblems.push(`Updated At "${updatedAt ?? ''}" is not a time`);
    if (rowProblems.length > 0) {
      problems.push({ line, message: rowProblems.join('; ') });
      continue;
    }
    const details: ActivityDetails = {};
    for (const [column, field] of Object.entries(DETAIL_COLUMNS)) if (record[column]) details[field] = record[column];
    try {
      events.push(activityChangeOf(clientId, id, state, updatedAt, details, source)!);
    } catch (error) {
      problems.push({ line, message: (error as Error).message });
    }
  }
  problems.sort((a, b) => a.line - b.line);
  return { events, problems };
}

function normalize(header: string): string {
  return header.trim().toLowerCase().replace(/[\s_]+/g, ' ');
}

function headerOf(csv: string): string[] {
  return (csv.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '').split(',').map((cell) => normalize(cell.replace(/^"|"$/g, '')));
}
