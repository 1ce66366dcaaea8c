import { randomBytes } from 'node:crypto';
import { signServiceNowStyle } from '@bridge/webhook-security';
import { ItsmStandIn, ONCE } from '../stand-in-kit';

export const TABLES = ['incident', 'sc_req_item'] as const;
export type Table = (typeof TABLES)[number];

export interface JournalEntry {
  sys_id: string;
  element: 'comments' | 'work_notes';
  value: string;
  sys_created_on: string;
  sys_created_by: string;
}

export type ServiceNowRecord = Record<string, string> & { sys_id: string; number: string };

export interface RecordedCall {
  at: number;
  method: string;
  table: string;
  sysId?: string;
  user?: string;
  status: number;
  body?: Record<string, unknown>;
  webhookId?: string;
  /** The W3C trace context the caller sent, if any. */
  traceparent?: string;
}

export interface InstanceOptions {
  name: string;
  username: string;
  password: string;
  /** People of the client's ITSM (callers, agents), besides the bridge's own user. */
  users?: Array<{ username: string; password: string }>;
  /** Where the instance's business rule posts every insert, update and journal entry: the bridge's ingress. */
  webhook?: { url: string; secret: string };
}

const PREFIX: Record<Table, string> = { incident: 'INC', sc_req_item: 'RITM' };

/**
 * One ServiceNow instance of the sandbox: records per table, their journals, every call it received, and its
 * business rule, which fires on every insert and update, the bridge's own included, so echoes are real.
 */
export class ServiceNowInstance extends ItsmStandIn<RecordedCall> {
  readonly records = new Map<string, ServiceNowRecord>();
  readonly journal = new Map<string, JournalEntry[]>();
  /** Called once an update is stored, before it is answered: tests use it to crash the caller mid-call. */
  onUpdated?: (record: ServiceNowRecord) => void;
  private counter = 10_000;

  /** The business rule posts once, with no retry of its own (`ONCE`). */
  constructor(readonly options: InstanceOptions) {
    super(ONCE);
  }

  insert(table: Table, fields: Record<string, unknown>, user: string): ServiceNowRecord {
    const sysId = randomBytes(16).toString('hex');
    const at = serviceNowTime();
    const record: ServiceNowRecord = {
      ...stringFields(fields),
      sys_id: sysId,
      number: typeof fields.number === 'string' && fields.number ? fields.number : `${PREFIX[table]}${String(this.counter++).padStart(7, '0')}`,
      sys_class_name: table,
      sys_created_on: at,
      sys_updated_on: at,
      sys_updated_by: user,
      sys_mod_count: '0',
      state: typeof fields.state === 'string' ? fields.state : '1',
    };
    delete record.work_notes;
    delete record.comments;
    this.records.set(sysId, record);
    this.fire(table, 'record.inserted', record, undefined);
    this.addJournal(table, record, fields, user);
    return record;
  }

  update(table: Table, sysId: string, fields: Record<string, unknown>, user: string): ServiceNowRecord | undefined {
    const record = this.records.get(sysId);
    if (!record || record.sys_class_name !== table) return undefined;
    const previousState = record.state;
    const { work_notes: _w, comments: _c, ...plain } = stringFields(fields);
    Object.assign(record, plain, { sys_updated_on: serviceNowTime(), sys_updated_by: user, sys_mod_count: String(Number(record.sys_mod_count) + 1) });
    if (Object.keys(plain).length > 0) this.fire(table, 'record.updated', record, previousState);
    this.addJournal(table, record, fields, user);
    this.onUpdated?.(record);
    return record;
  }

  findByNumber(number: string): ServiceNowRecord | undefined {
    return [...this.records.values()].find((record) => record.number === number);
  }

  journalOf(sysId: string): JournalEntry[] {
    return this.journal.get(sysId) ?? [];
  }

  private addJournal(table: Table, record: ServiceNowRecord, fields: Record<string, unknown>, user: string): void {
    for (const element of ['comments', 'work_notes'] as const) {
      const value = fields[element];
      if (typeof value !== 'string' || value === '') continue;
      const entry: JournalEntry = { sys_id: randomBytes(16).toString('hex'), element, value, sys_created_on: serviceNowTime(), sys_created_by: user };
      this.journal.set(record.sys_id, [...this.journalOf(record.sys_id), entry]);
      this.fire(table, 'journal.added', record, undefined, entry);
    }
  }

  /**
   * The business rule: asynchronous, like `executeAsync`, and signed as the documented script signs on a real
   * instance: `generateMac` over the body with the Base64-encoded secret, its Base64 MAC after "sha256=".
   */
  private fire(table: Table, event: string, record: ServiceNowRecord, previousState: string | undefined, journal?: JournalEntry): void {
    const webhook = this.options.webhook;
    if (!webhook) return;
    const body = JSON.stringify({ event, table, sys_id: record.sys_id, record: { ...record, previous_state: previousState ?? '' }, ...(journal ? { journal } : {}) });
    const label = `${event} ${record.number}`;
    const headers = { 'x-bridge-signature': signServiceNowStyle(webhook.secret, body) };
    this.webhookNetwork.send(webhook.url, headers, body, label);
  }
}

function stringFields(fields: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) if (value !== undefined && value !== null) out[name] = typeof value === 'string' ? value : String(value);
  return out;
}

/** ServiceNow's raw date-time format, UTC. */
function serviceNowTime(): string {
  return new Date().toISOString().replace('T', ' ').slice(0, 19);
}
