import type { RunningSandbox } from '../../../apps/sandbox/src/start-sandbox';
import { adfToText, textToAdf } from '../../../libs/itsm-adapters/src/jira/adf';
import { ItsmName, SERVICENOW_BRIDGE_USER, freshserviceRequester, helixRequester, jiraCaller, zendeskCaller } from '../itsm-stand-ins';

/** The ServiceNow caller who opens, comments and cancels. */
export const CALLER = 'ann.smith';

/**
 * A client's service desk as the fault suite's people use it and its audit reads it, whatever the ITSM: the caller
 * opens a ticket routed to Tangoe, comments and ends it; the audit reads back what the bridge wrote there. Each
 * desk speaks its stand-in's own terms (ServiceNow's states 3/7/8, Jira's statuses, Zendesk's, Freshservice's numbers,
 * Helix's) and reads what the stand-in recorded, never what the bridge reports.
 */
export interface ItsmDesk {
  readonly itsm: ItsmName;
  /** The caller opens a ticket that the routing sends to Tangoe: its key is the support request's external_source_id. */
  open(title: string): string;
  comment(key: string, text: string): void;
  /** The caller ends the ticket on the client's side: a cancel where the ITSM has one, a close where it has not. */
  end(key: string): void;
  /** The Tangoe state the caller's end becomes. */
  readonly endsAs: 'canceled' | 'closed';
  /** The statuses Tangoe's Externally Queued, Awaiting Customer Response and close leave, and the caller's end. */
  readonly statuses: { queued: string; awaiting: string; closed: string; ended: string };
  /**
   * Whether Tangoe's close writes its note even when the bridge already wrote that text as a note (ServiceNow's
   * close notes go with a work note; the other adapters leave a note out that the ticket already holds).
   */
  readonly closeRepeatsNote: boolean;
  /** The bridge's notes on the ticket (work notes, comments, notes, work logs), oldest first. */
  bridgeNotes(key: string): string[];
  /** The caller's comments after the opening one, oldest first. */
  callerComments(key: string): string[];
  status(key: string): string | undefined;
  /** The statuses the bridge set on the ticket, in the order the ITSM took them. */
  bridgeStatusWrites(key: string): string[];
  /** ServiceNow's close notes, which Tangoe's close must carry; undefined where the ITSM has none. */
  closeNotes?(key: string): string | undefined;
  /** Every write the stand-in took, and its webhooks not yet answered: `quiet()` waits for both to settle. */
  writes(): number;
  pendingWebhooks(): number;
  /** Webhooks that failed for good (after the vendor's retries), and the network's own faults (ServiceNow's lossy path). */
  webhookFailures(): string[];
  webhookFaults(): string[];
}

/** The desk of `client` on its stand-in. */
export function deskOf(sandbox: RunningSandbox, client: string, itsm: ItsmName): ItsmDesk {
  return { servicenow: serviceNowDesk, jira: jiraDesk, zendesk: zendeskDesk, freshservice: freshserviceDesk, 'bmc-helix': helixDesk }[itsm](sandbox, client);
}

const TANGOE_NOTES_ONCE = false;

function serviceNowDesk(sandbox: RunningSandbox, client: string): ItsmDesk {
  const instance = sandbox.servicenow.get(client);
  const sysIds = new Map<string, string>();
  const sysId = (key: string) => sysIds.get(key)!;
  const journal = (key: string, by: string) => instance.journalOf(sysId(key)).filter((entry) => entry.sys_created_by === by);
  let writesByRecord: Map<string, string[]> | undefined;
  return {
    itsm: 'servicenow',
    open(title) {
      const record = instance.insert('incident', { short_description: title, assignment_group: 'Mobility', caller_name: 'Ann Smith', caller_phone: '5551234567', state: '2' }, CALLER);
      sysIds.set(record.number, record.sys_id);
      return record.number;
    },
    comment: (key, text) => void instance.update('incident', sysId(key), { comments: text }, CALLER),
    end: (key) => void instance.update('incident', sysId(key), { state: '8' }, CALLER),
    endsAs: 'canceled',
    statuses: { queued: '3', awaiting: '3', closed: '7', ended: '8' },
    closeRepeatsNote: true,
    bridgeNotes: (key) => journal(key, SERVICENOW_BRIDGE_USER).map((entry) => entry.value),
    callerComments: (key) => journal(key, CALLER).map((entry) => entry.value),
    status: (key) => instance.records.get(sysId(key))?.state,
    bridgeStatusWrites(key) {
      // Read once the run is over: one pass over the calls for every ticket.
      writesByRecord ??= groupBy(
        instance.calls.filter((call) => call.method === 'PATCH' && call.sysId && call.user === SERVICENOW_BRIDGE_USER && call.status === 200 && call.body?.state !== undefined),
        (call) => call.sysId!,
        (call) => String(call.body!.state),
      );
      return writesByRecord.get(sysId(key)) ?? [];
    },
    closeNotes: (key) => instance.records.get(sysId(key))?.close_notes,
    writes: () => instance.calls.filter((call) => call.method !== 'GET').length,
    pendingWebhooks: () => instance.pendingWebhooks(),
    webhookFailures: () => instance.webhookFailures,
    webhookFaults: () => instance.webhookNetwork.faulted,
  };
}

function jiraDesk(sandbox: RunningSandbox, client: string): ItsmDesk {
  const site = sandbox.jira.get(client);
  const bridge = `bridge-${client}`;
  const issue = (key: string) => site.issues.get(key)!;
  const comments = (key: string, by: string) => issue(key).comments.filter((comment) => comment.author.accountId === by).map((comment) => adfToText(comment.body) ?? '');
  return {
    itsm: 'jira',
    open: (title) => site.create('MOB', { issuetype: { name: 'Hardware' }, summary: title, customfield_phone: '5551234567' }, jiraCaller).key,
    comment: (key, text) => void site.comment(issue(key), textToAdf(text), jiraCaller),
    // The workflow's transition 61 leads to Canceled.
    end: (key) => void site.transition(issue(key), '61', undefined, jiraCaller),
    endsAs: 'canceled',
    statuses: { queued: 'Pending', awaiting: 'Waiting for customer', closed: 'Done', ended: 'Canceled' },
    closeRepeatsNote: TANGOE_NOTES_ONCE,
    bridgeNotes: (key) => comments(key, bridge),
    callerComments: (key) => comments(key, jiraCaller.accountId),
    status: (key) => issue(key).fields.status.name,
    bridgeStatusWrites: (key) =>
      (issue(key).histories ?? []).filter((history) => history.author.accountId === bridge).flatMap((history) => history.items.filter((item) => item.field === 'status').map((item) => item.toString ?? '')),
    writes: () => site.calls.filter((call) => call.method !== 'GET').length,
    pendingWebhooks: () => site.pendingWebhooks(),
    webhookFailures: () => site.webhookFailures,
    webhookFaults: () => [],
  };
}

function zendeskDesk(sandbox: RunningSandbox, client: string): ItsmDesk {
  const site = sandbox.zendesk.get(client);
  const bridge = `bridge-${client}`;
  const ticket = (key: string) => site.tickets.get(Number(key))!;
  let writesByTicket: Map<string, string[]> | undefined;
  return {
    itsm: 'zendesk',
    open: (title) => String(site.create({ subject: title, comment: 'Black screen.', group: 'Mobility', requester: { name: 'Ann Smith', phone: '5551234567' } }, zendeskCaller).id),
    comment: (key, text) => site.update(ticket(key), { comment: { body: text, public: true } }, zendeskCaller),
    // Zendesk has no cancel: the caller solves the ticket, which Tangoe takes as a close.
    end: (key) => site.update(ticket(key), { status: 'solved' }, zendeskCaller),
    endsAs: 'closed',
    statuses: { queued: 'hold', awaiting: 'pending', closed: 'solved', ended: 'solved' },
    closeRepeatsNote: TANGOE_NOTES_ONCE,
    bridgeNotes: (key) => ticket(key).comments.filter((comment) => comment.author_id === bridge).map((comment) => comment.body),
    // The first comment is the ticket's description.
    callerComments: (key) => ticket(key).comments.filter((comment) => comment.author_id === zendeskCaller.id).slice(1).map((comment) => comment.body),
    status: (key) => ticket(key).status,
    bridgeStatusWrites(key) {
      writesByTicket ??= groupBy(
        site.calls.filter((call) => call.method === 'PUT' && call.userId === bridge && (call.body as { ticket?: { status?: string } })?.ticket?.status !== undefined),
        (call) => /\/tickets\/(\d+)/.exec(call.path)?.[1] ?? '',
        (call) => String((call.body as { ticket: { status: string } }).ticket.status),
      );
      return writesByTicket.get(key) ?? [];
    },
    writes: () => site.calls.filter((call) => call.method !== 'GET').length,
    pendingWebhooks: () => site.pendingWebhooks(),
    webhookFailures: () => site.webhookFailures,
    webhookFaults: () => [],
  };
}

function freshserviceDesk(sandbox: RunningSandbox, client: string): ItsmDesk {
  const site = sandbox.freshservice.get(client);
  const bridge = `bridge-${client}`;
  const ticket = (key: string) => site.tickets.get(Number(key))!;
  const notes = (key: string, by: string) => ticket(key).conversations.filter((note) => String(note.user_id) === by).map((note) => note.body_text);
  let writesByTicket: Map<string, string[]> | undefined;
  return {
    itsm: 'freshservice',
    open: (title) => String(site.create({ subject: title, description: 'Black screen.', group: 'Mobility', requester: { name: 'Ann Smith', phone: '5551234567' } }, freshserviceRequester).id),
    comment: (key, text) => void site.addNote(ticket(key), text, false, freshserviceRequester),
    // 5 Closed: Freshservice has no cancel.
    end: (key) => void site.update(ticket(key), { status: 5 }, freshserviceRequester),
    endsAs: 'closed',
    statuses: { queued: '3', awaiting: '3', closed: '5', ended: '5' },
    closeRepeatsNote: TANGOE_NOTES_ONCE,
    bridgeNotes: (key) => notes(key, bridge),
    callerComments: (key) => notes(key, freshserviceRequester.id),
    status: (key) => String(ticket(key).status),
    bridgeStatusWrites(key) {
      writesByTicket ??= groupBy(
        site.calls.filter((call) => call.method === 'PUT' && call.agentId === bridge && (call.body as { status?: unknown })?.status !== undefined),
        (call) => /\/tickets\/(\d+)/.exec(call.path)?.[1] ?? '',
        (call) => String((call.body as { status: unknown }).status),
      );
      return writesByTicket.get(key) ?? [];
    },
    writes: () => site.calls.filter((call) => call.method !== 'GET').length,
    pendingWebhooks: () => site.pendingWebhooks(),
    webhookFailures: () => site.webhookFailures,
    webhookFaults: () => [],
  };
}

function helixDesk(sandbox: RunningSandbox, client: string): ItsmDesk {
  const server = sandbox.helix.get(client);
  const bridge = `bridge-${client}`;
  const requestIds = new Map<string, string>();
  const incident = (key: string) => server.incidents.get(requestIds.get(key)!)!;
  const logs = (key: string, by: string) => server.workLogsOf(incident(key)).filter((log) => log.Submitter === by).map((log) => String(log['Detailed Description']));
  let writesByRequest: Map<string, string[]> | undefined;
  return {
    itsm: 'bmc-helix',
    open(title) {
      const values = { z1D_Action: 'CREATE', First_Name: 'Ann', Last_Name: 'Smith', Description: title, Detailed_Decription: 'Black screen.', Impact: '3-Moderate/Limited', Urgency: '3-Medium', Status: 'Assigned', 'Reported Source': 'Self Service', Service_Type: 'User Service Restoration', 'Assigned Group': 'Mobility' };
      const record = server.createIncident(values, helixRequester, { 'Phone Number': '5551234567' }).record!;
      requestIds.set(String(record['Incident Number']), String(record['Request ID']));
      return String(record['Incident Number']);
    },
    comment: (key, text) => void server.addWorkLog({ 'Incident Number': key, 'Detailed Description': text, 'Work Log Type': 'Customer Communication', 'View Access': 'Public' }, helixRequester),
    end: (key) => void server.updateIncident(incident(key), { Status: 'Cancelled' }, helixRequester),
    endsAs: 'canceled',
    statuses: { queued: 'Pending', awaiting: 'Pending', closed: 'Resolved', ended: 'Cancelled' },
    closeRepeatsNote: TANGOE_NOTES_ONCE,
    bridgeNotes: (key) => logs(key, bridge),
    callerComments: (key) => logs(key, helixRequester.loginId),
    status: (key) => String(incident(key).Status),
    bridgeStatusWrites(key) {
      writesByRequest ??= groupBy(
        server.calls.filter((call) => call.method === 'PUT' && call.user === bridge && (call.body as { values?: { Status?: unknown } })?.values?.Status !== undefined),
        (call) => call.path.split('/').pop() ?? '',
        (call) => String((call.body as { values: { Status: unknown } }).values.Status),
      );
      return writesByRequest.get(requestIds.get(key)!) ?? [];
    },
    writes: () => server.calls.filter((call) => call.method !== 'GET').length,
    pendingWebhooks: () => server.pendingWebhooks(),
    webhookFailures: () => server.webhookFailures,
    webhookFaults: () => [],
  };
}

function groupBy<T>(items: T[], keyOf: (item: T) => string, valueOf: (item: T) => string): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), valueOf(item)]);
  return groups;
}
