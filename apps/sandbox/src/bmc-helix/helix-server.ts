import { randomUUID } from 'node:crypto';
import { BMC_HELIX_WEBHOOK_BODY } from '@bridge/itsm-adapters';
import { ItsmStandIn, ONCE, basicAuthorization, fillRaw, sameSecret } from '../stand-in-kit';

/** An AR System login: the bridge's integration user or a person of the client's service desk. */
export interface HelixUser {
  loginId: string;
  password: string;
  firstName: string;
  lastName: string;
}

export interface HelixServerOptions {
  name: string;
  users: HelixUser[];
  /** The webhook Helix posts (the bridge's documented body) for every write, with the Basic credentials configured. */
  webhook?: { url: string; username: string; password: string };
  /** How long a token lasts (AR System: an hour). */
  tokenLifetimeMs?: number;
}

export type HelixRecord = Record<string, string>;

/** A submit's outcome: the record made, or the fields that do not exist on the form and those left blank. */
export interface Written {
  record?: HelixRecord;
  unknown: string[];
  blank: string[];
}

export interface HelixCall {
  method: string;
  path: string;
  user?: string;
  status: number;
  body?: unknown;
}

/** The incident fields the interface form takes on an update; anything else is refused, as Helix refuses it. */
const WRITABLE_INCIDENT_FIELDS = ['Status', 'Status_Reason', 'Resolution', 'Assigned Group', 'Assigned Support Company', 'Assigned Support Organization', 'Impact', 'Urgency', 'Description', 'Detailed Decription', 'Vendor Ticket Number'];
export const HELIX_STATUSES = ['New', 'Assigned', 'In Progress', 'Pending', 'Resolved', 'Closed', 'Cancelled'];
/** `HPD:IncidentInterface_Create`'s own names for the incident's fields. */
const CREATE_FIELDS: Readonly<Record<string, string>> = {
  First_Name: 'First Name', Last_Name: 'Last Name', Description: 'Description', Detailed_Decription: 'Detailed Decription', Impact: 'Impact', Urgency: 'Urgency',
  Status: 'Status', 'Reported Source': 'Reported Source', Service_Type: 'Service_Type', 'Assigned Group': 'Assigned Group', 'Vendor Ticket Number': 'Vendor Ticket Number', z1D_Action: '',
};
export const REQUIRED_CREATE_FIELDS = ['First_Name', 'Last_Name', 'Description', 'Impact', 'Urgency', 'Status', 'Reported Source', 'Service_Type'];
const WORK_LOG_FIELDS = ['Incident Number', 'Description', 'Detailed Description', 'Work Log Type', 'View Access', 'Secure Work Log'];

/**
 * One BMC Helix server of the sandbox: its AR System logins and tokens, incidents and their work logs, every call
 * received, and the webhook fired for every write, the bridge's own included, so echoes are real.
 */
export class HelixServer extends ItsmStandIn<HelixCall> {
  readonly incidents = new Map<string, HelixRecord>();
  readonly workLogs: HelixRecord[] = [];
  private readonly tokens = new Map<string, { user: HelixUser; expiresAt: number }>();
  private nextIncident = 101;
  private nextWorkLog = 201;

  /** BMC documents no retry of an AR System webhook (docs/itsm/bmc-helix.md): the harsher reading, once. */
  constructor(readonly options: HelixServerOptions) {
    super(ONCE);
  }

  /** `POST /api/jwt/login`: a token for the right credentials, none otherwise. */
  login(username: string, password: string): string | undefined {
    const user = this.options.users.find((u) => u.loginId === username && sameSecret(u.password, password));
    if (!user) return undefined;
    const expiresAt = Date.now() + (this.options.tokenLifetimeMs ?? 3_600_000);
    const claims = Buffer.from(JSON.stringify({ sub: user.loginId, exp: Math.floor(expiresAt / 1000), jti: randomUUID() })).toString('base64url');
    const token = `eyJhbGciOiJIUzI1NiJ9.${claims}.sandbox`;
    this.tokens.set(token, { user, expiresAt });
    return token;
  }

  /** The user an `AR-JWT` header names, while its token lasts. */
  userOf(header: string | undefined): HelixUser | undefined {
    const token = /^AR-JWT\s+(\S+)$/.exec(header ?? '')?.[1];
    const session = token ? this.tokens.get(token) : undefined;
    return session && session.expiresAt > Date.now() ? session.user : undefined;
  }

  /** Ends every token, as a server restart does: the bridge has to log in again. */
  expireTokens(): void {
    this.tokens.clear();
  }

  /** Submits an incident through `HPD:IncidentInterface_Create`'s names; the fields that are not its own are named back. */
  createIncident(values: Record<string, unknown>, by: HelixUser, extra: HelixRecord = {}): Written {
    const unknown = Object.keys(values).filter((name) => !(name in CREATE_FIELDS));
    const blank = REQUIRED_CREATE_FIELDS.filter((name) => typeof values[name] !== 'string' || values[name] === '');
    if (unknown.length > 0 || blank.length > 0) return { unknown, blank };
    const now = new Date().toISOString();
    const id = String(this.nextIncident++);
    const incident: HelixRecord = {
      'Request ID': id.padStart(15, '0'),
      'Incident Number': `INC${id.padStart(12, '0')}`,
      ...Object.fromEntries(Object.entries(values).filter(([name]) => CREATE_FIELDS[name]).map(([name, value]) => [CREATE_FIELDS[name], String(value)])),
      ...extra,
      Submitter: by.loginId,
      'Submit Date': now,
      'Last Modified By': by.loginId,
      'Last Modified Date': now,
    };
    this.incidents.set(incident['Request ID'], incident);
    this.fire('incident.created', incident);
    return { record: incident, unknown: [], blank: [] };
  }

  /** A `PUT` of the interface form: the fields it may not set, or values outside the selection lists, are named back. */
  updateIncident(incident: HelixRecord, values: Record<string, unknown>, by: HelixUser): { unknown: string[]; invalid: string[] } {
    const unknown = Object.keys(values).filter((name) => !WRITABLE_INCIDENT_FIELDS.includes(name));
    const status = values.Status === undefined ? incident.Status : String(values.Status);
    const invalid = [
      ...(HELIX_STATUSES.includes(status) ? [] : ['Status']),
      ...(status === 'Pending' && !(values.Status_Reason ?? incident.Status_Reason) ? ['Status_Reason'] : []),
    ];
    if (unknown.length > 0 || invalid.length > 0) return { unknown, invalid };
    Object.assign(incident, Object.fromEntries(Object.entries(values).map(([name, value]) => [name, String(value)])), { 'Last Modified By': by.loginId, 'Last Modified Date': new Date().toISOString() });
    this.fire('incident.updated', incident);
    return { unknown: [], invalid: [] };
  }

  /** A work log on `HPD:WorkLog`; the incident it names must exist. */
  addWorkLog(values: Record<string, unknown>, by: HelixUser): Written {
    const unknown = Object.keys(values).filter((name) => !WORK_LOG_FIELDS.includes(name));
    const blank = ['Incident Number', 'Detailed Description', 'Work Log Type'].filter((name) => typeof values[name] !== 'string' || values[name] === '');
    const incident = this.byNumber(String(values['Incident Number'] ?? ''));
    if (unknown.length > 0 || blank.length > 0 || !incident) return { unknown, blank: incident ? blank : [...new Set([...blank, 'Incident Number'])] };
    const workLog: HelixRecord = {
      'Work Log ID': `WLG${String(this.nextWorkLog++).padStart(12, '0')}`,
      'Work Log Type': 'General Information',
      'View Access': 'Internal',
      'Secure Work Log': 'No',
      ...Object.fromEntries(Object.entries(values).map(([name, value]) => [name, String(value)])),
      Submitter: by.loginId,
      'Submit Date': new Date().toISOString(),
    };
    this.workLogs.push(workLog);
    this.fire('worklog.added', incident, workLog);
    return { record: workLog, unknown: [], blank: [] };
  }

  byNumber(number: string): HelixRecord | undefined {
    return [...this.incidents.values()].find((incident) => incident['Incident Number'] === number);
  }

  workLogsOf(incident: HelixRecord): HelixRecord[] {
    return this.workLogs.filter((log) => log['Incident Number'] === incident['Incident Number']);
  }

  /**
   * The bridge's documented body (docs/itsm/bmc-helix.md), its `$Field$` references filled raw as AR System workflow
   * substitutes them: the incident's section from the incident, the work log's from the work log.
   */
  private fire(event: string, incident: HelixRecord, workLog?: HelixRecord): void {
    const webhook = this.options.webhook;
    if (!webhook) return;
    const workLogSection = BMC_HELIX_WEBHOOK_BODY.indexOf('"workLog"');
    const body = fillRaw(BMC_HELIX_WEBHOOK_BODY, /\$[^$"\n]+\$/g, (name, offset) => (offset > workLogSection ? workLog?.[name] : incident[name]), { documented: 'incident.updated', actual: event });
    this.webhookNetwork.send(webhook.url, { authorization: basicAuthorization(webhook.username, webhook.password) }, body, `${event} ${incident['Incident Number']}`);
  }
}
