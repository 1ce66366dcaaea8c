import type { ClientConfig } from '@bridge/clients-config';
import { ChangedPage, ReadFailed, ReadHttp, RecordRead, RecordReader, RecordRef, okData } from '../reconcile/record-reader';
import { endsOnClientSide } from '../reconcile/status-setter';
import { FRESHSERVICE_STATUS_NAMES } from './freshservice-defaults';
import { FRESHSERVICE_DIALECT } from './freshservice.dialect';
import { statusActivityOf } from './freshservice-status-activity';
import { conversationsOf } from './freshservice-conversations';

/**
 * Freshservice through `GET /api/v2/tickets?updated_since=…&order_by=updated_at&order_type=asc&include=requester`
 * and each ticket's `GET /api/v2/tickets/{id}/conversations` (every page), and, for a ticket whose status ends it on
 * the client's side, its `GET /api/v2/tickets/{id}/activities` for who set that status
 * (`freshservice-status-activity.ts`): the ticket does not say. Freshservice pages by number, and a ticket updated during the walk would shift the pages
 * under it; so each page starts again from the last change time read (`updated_since` = that time), the tickets
 * already read at that very time left out by id: a keyset on (time, id).
 */
export class FreshserviceReader implements RecordReader {
  async changedSince(http: ReadHttp, client: ClientConfig, since: Date, cursor: string | undefined, pageSize: number): Promise<ChangedPage> {
    const after = cursor ? (JSON.parse(cursor) as { t: string; ids: string[] }) : { t: since.toISOString(), ids: [] as string[] };
    const listed = okData(await http('/api/v2/tickets', { updated_since: after.t, order_by: 'updated_at', order_type: 'asc', include: 'requester', per_page: pageSize }), 'GET /api/v2/tickets') as {
      tickets?: Array<Record<string, unknown>>;
    };
    const page = Array.isArray(listed.tickets) ? listed.tickets : [];
    const tickets = page.filter((ticket) => !(ticket.updated_at === after.t && after.ids.includes(String(ticket.id))));
    const records = [];
    for (const ticket of tickets) records.push(await ticketRead(http, client, ticket));
    const last = page[page.length - 1];
    const lastTime = last ? String(last.updated_at) : after.t;
    const idsAtLast = [...(lastTime === after.t ? after.ids : []), ...page.filter((ticket) => String(ticket.updated_at) === lastTime).map((ticket) => String(ticket.id))];
    // A full page whose tickets were all read before (all at one time, more than a page of them) would loop: stop.
    const more = page.length >= pageSize && tickets.length > 0;
    return {
      records,
      cursor: more ? JSON.stringify({ t: lastTime, ids: [...new Set(idsAtLast)] }) : undefined,
      newestChange: last ? new Date(lastTime) : undefined,
    };
  }

  /** `GET /api/v2/tickets/{id}?include=requester`, its conversations and its status's activity; 404 when Freshservice does not know it. */
  async readOne(http: ReadHttp, client: ClientConfig, ref: RecordRef): Promise<RecordRead | undefined> {
    const answer = await http(`/api/v2/tickets/${Number(ref.key)}`, { include: 'requester' });
    if (answer.status === 404) return undefined;
    const shown = okData(answer, `GET ticket ${ref.key}`) as { ticket?: Record<string, unknown> };
    return ticketRead(http, client, shown.ticket ?? {});
  }
}

/**
 * A ticket as the dialect reads it: `{ ticket, status_activity? }`, the activity that set its status when that
 * status ends it on the client's side and has a name the activities use, with its conversations.
 */
async function ticketRead(http: ReadHttp, client: ClientConfig, ticket: Record<string, unknown>): Promise<RecordRead> {
  // Every page: the newest conversations, what a read is for, are on the last. Past the pager's bound, the oldest
  // thousands are all a read gives; no ticket people work on comes near it.
  const conversations = await conversationsOf((params) => http(`/api/v2/tickets/${Number(ticket.id)}/conversations`, params));
  if (conversations.failed) throw new ReadFailed(conversations.failed.status, `GET ticket ${ticket.id} conversations`);
  const status = ticket.status === undefined || ticket.status === null ? undefined : String(ticket.status);
  const statusName = status !== undefined && Object.hasOwn(FRESHSERVICE_STATUS_NAMES, status) ? FRESHSERVICE_STATUS_NAMES[status] : undefined;
  const statusActivity = statusName && endsOnClientSide(client, FRESHSERVICE_DIALECT, status) ? await statusActivityOf(http, Number(ticket.id), statusName) : undefined;
  return { record: statusActivity ? { ticket, status_activity: statusActivity } : { ticket }, comments: conversations.conversations };
}
