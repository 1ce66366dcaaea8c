import type { ClientConfig } from '@bridge/clients-config';
import { ChangedPage, ReadHttp, RecordRead, RecordReader, RecordRef, okData } from '../reconcile/record-reader';

/**
 * Zendesk through the incremental ticket export (`GET /api/v2/incremental/tickets/cursor.json?start_time=`, then
 * `?cursor=after_cursor` until `end_of_stream`): every ticket changed since a time, oldest change first, by Zendesk's
 * own cursor, the requesters side-loaded (`include=users`); then each ticket's comments
 * (`GET /api/v2/tickets/{id}/comments.json`). Zendesk allows the export 10 requests a minute; the client's
 * `reconcile.requestsPerMinute` covers both kinds of call.
 */
export class ZendeskReader implements RecordReader {
  async changedSince(http: ReadHttp, _client: ClientConfig, since: Date, cursor: string | undefined, pageSize: number): Promise<ChangedPage> {
    const params: Record<string, string | number> = cursor ? { cursor, per_page: pageSize, include: 'users' } : { start_time: Math.floor(since.getTime() / 1000), per_page: pageSize, include: 'users' };
    const page = okData(await http('/api/v2/incremental/tickets/cursor.json', params), 'GET incremental tickets') as SideLoaded & { tickets?: Array<Record<string, unknown>>; after_cursor?: string | null; end_of_stream?: boolean };
    const tickets = (Array.isArray(page.tickets) ? page.tickets : []).map((ticket) => withRequester(ticket, page.users));
    const records = [];
    for (const ticket of tickets) {
      const comments = okData(await http(`/api/v2/tickets/${Number(ticket.id)}/comments.json`), `GET ticket ${ticket.id} comments`) as { comments?: unknown[] };
      records.push({ record: { ticket }, comments: Array.isArray(comments.comments) ? comments.comments : [] });
    }
    const updated = tickets.map((ticket) => Date.parse(String(ticket.updated_at))).filter((time) => !Number.isNaN(time));
    return {
      records,
      cursor: page.end_of_stream || !page.after_cursor ? undefined : page.after_cursor,
      newestChange: updated.length > 0 ? new Date(Math.max(...updated)) : undefined,
    };
  }

  /** `GET /api/v2/tickets/{id}.json` and its comments; 404 when Zendesk does not know it. */
  async readOne(http: ReadHttp, _client: ClientConfig, ref: RecordRef): Promise<RecordRead | undefined> {
    const answer = await http(`/api/v2/tickets/${Number(ref.key)}.json`, { include: 'users' });
    if (answer.status === 404) return undefined;
    const shown = okData(answer, `GET ticket ${ref.key}`) as SideLoaded & { ticket?: Record<string, unknown> };
    const ticket = { ticket: withRequester(shown.ticket ?? {}, shown.users) };
    const comments = okData(await http(`/api/v2/tickets/${Number(ref.key)}/comments.json`), `GET ticket ${ref.key} comments`) as { comments?: unknown[] };
    return { record: ticket, comments: Array.isArray(comments.comments) ? comments.comments : [] };
  }
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
