import type { ClientConfig } from '@bridge/clients-config';
import { ChangedPage, ReadHttp, RecordRead, RecordReader, RecordRef, okData } from '../reconcile/record-reader';
import { endsOnClientSide } from '../reconcile/status-setter';
import { ZENDESK_DIALECT } from './zendesk.dialect';
import { statusAuditOf } from './zendesk-status-audit';

/**
 * Zendesk through the incremental ticket export (`GET /api/v2/incremental/tickets/cursor.json?start_time=`, then
 * `?cursor=after_cursor` until `end_of_stream`): every ticket changed since a time, oldest change first, by Zendesk's
 * own cursor, the requesters side-loaded (`include=users`); then each ticket's comments
 * (`GET /api/v2/tickets/{id}/comments.json`) and, for a ticket whose status ends it on the client's side, the audit
 * that set that status (`zendesk-status-audit.ts`): the ticket does not say who set it. Zendesk allows the export 10
 * requests a minute; the client's `reconcile.requestsPerMinute` covers every kind of call.
 */
export class ZendeskReader implements RecordReader {
  async changedSince(http: ReadHttp, client: ClientConfig, since: Date, cursor: string | undefined, pageSize: number): Promise<ChangedPage> {
    const params: Record<string, string | number> = cursor ? { cursor, per_page: pageSize, include: 'users' } : { start_time: Math.floor(since.getTime() / 1000), per_page: pageSize, include: 'users' };
    const page = okData(await http('/api/v2/incremental/tickets/cursor.json', params), 'GET incremental tickets') as SideLoaded & { tickets?: Array<Record<string, unknown>>; after_cursor?: string | null; end_of_stream?: boolean };
    const tickets = (Array.isArray(page.tickets) ? page.tickets : []).map((ticket) => withRequester(ticket, page.users));
    const records = [];
    for (const ticket of tickets) records.push(await ticketRead(http, client, ticket));
    const updated = tickets.map((ticket) => Date.parse(String(ticket.updated_at))).filter((time) => !Number.isNaN(time));
    return {
      records,
      cursor: page.end_of_stream || !page.after_cursor ? undefined : page.after_cursor,
      newestChange: updated.length > 0 ? new Date(Math.max(...updated)) : undefined,
    };
  }

  /** `GET /api/v2/tickets/{id}.json`, its comments and its status's audit; 404 when Zendesk does not know it. */
  async readOne(http: ReadHttp, client: ClientConfig, ref: RecordRef): Promise<RecordRead | undefined> {
    const answer = await http(`/api/v2/tickets/${Number(ref.key)}.json`, { include: 'users' });
    if (answer.status === 404) return undefined;
    const shown = okData(answer, `GET ticket ${ref.key}`) as SideLoaded & { ticket?: Record<string, unknown> };
    return ticketRead(http, client, withRequester(shown.ticket ?? {}, shown.users));
  }
}

/**
 * A ticket as the dialect reads it: `{ ticket, status_audit? }`, the audit that set its status when that status ends
 * it on the client's side, with its comments.
 */
async function ticketRead(http: ReadHttp, client: ClientConfig, ticket: Record<string, unknown>): Promise<RecordRead> {
  const comments = okData(await http(`/api/v2/tickets/${Number(ticket.id)}/comments.json`), `GET ticket ${ticket.id} comments`) as { comments?: unknown[] };
  // The API writes statuses lower-case, as the dialect and the clients' mappings read them.
  const status = typeof ticket.status === 'string' ? ticket.status.toLowerCase() : undefined;
  const statusAudit = status && endsOnClientSide(client, ZENDESK_DIALECT, status) ? await statusAuditOf(http, Number(ticket.id), status) : undefined;
  return { record: statusAudit ? { ticket, status_audit: statusAudit } : { ticket }, comments: Array.isArray(comments.comments) ? comments.comments : [] };
}

/** Users side-loaded into an answer with `include=users`. */
interface SideLoaded {
  users?: Array<{ id?: unknown; name?: unknown; phone?: unknown }>;
}

/**
 * The ticket with its requester's name and phone from the side-loaded users, under `requester` as the documented
 * trigger body has them, so one mapping reads both; a requester not side-loaded is left to the client's fallbacks.
 */
function withRequester(ticket: Record<string, unknown>, users: SideLoaded['users']): Record<string, unknown> {
  const user = (users ?? []).find((candidate) => candidate.id !== undefined && candidate.id === ticket.requester_id);
  return user ? { ...ticket, requester: { name: user.name, phone: user.phone } } : ticket;
}
