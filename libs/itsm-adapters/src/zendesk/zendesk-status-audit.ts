import { isObject } from '../api-record';
import { ReadHttp, okDataUnlessGone } from '../reconcile/record-reader';
import { latestOf } from '../reconcile/status-setter';

/**
 * Who set a Zendesk ticket's status, which the ticket does not say: its audits do (Zendesk's Ticket Audits API,
 * https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_audits/, "List Audits for a Ticket":
 * `GET /api/v2/tickets/{ticket_id}/audits`, allowed for agents, a global "read" scope with OAuth; each audit is one
 * update, `{id, author_id, created_at, events[]}`, a status set by a `Change` event `{field_name: "status", value,
 * previous_value}`, or by a `Create` event on a new ticket). The newest audit that set the ticket's current status
 * is its setter.
 */
export interface ZendeskStatusAudit {
  id?: unknown;
  author_id?: unknown;
  created_at?: unknown;
}

/**
 * One request: 100 audits a page at most, newest first by `sort_order=desc` (offset pagination). The setter is then
 * on that page unless 100 later updates set no status; not found, the close is not attributed, which is the safe way
 * to be wrong. The newest is picked by time, not by the order served. A ticket gone since it was listed has none.
 */
export async function statusAuditOf(http: ReadHttp, ticketId: number, status: string): Promise<ZendeskStatusAudit | undefined> {
  const listed = okDataUnlessGone(await http(`/api/v2/tickets/${ticketId}/audits.json`, { sort_order: 'desc' }), `GET ticket ${ticketId} audits`) as { audits?: unknown } | undefined;
  return newestStatusAudit(Array.isArray(listed?.audits) ? listed.audits : [], status);
}

/** The newest audit that set the status to `status` (Zendesk writes statuses lower-case), without its events. */
export function newestStatusAudit(audits: readonly unknown[], status: string): ZendeskStatusAudit | undefined {
  const setting = audits.filter(isObject).filter((audit) => setsStatus(audit.events, status));
  // Two updates in one second: Zendesk's audit ids grow with time.
  const [newest] = latestOf(setting, (audit) => audit.created_at).sort((a, b) => Number(b.id) - Number(a.id));
  return newest ? { id: newest.id, author_id: newest.author_id, created_at: newest.created_at } : undefined;
}

function setsStatus(events: unknown, status: string): boolean {
  return (
    Array.isArray(events) &&
    events.some((event) => isObject(event) && (event.type === 'Change' || event.type === 'Create') && event.field_name === 'status' && String(event.value).toLowerCase() === status)
  );
}
