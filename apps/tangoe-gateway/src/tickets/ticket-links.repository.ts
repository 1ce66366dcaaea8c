import { Inject, Injectable } from '@nestjs/common';
import type { EventEnvelope, TicketFound } from '@bridge/contracts';
import type { Database } from '@bridge/persistence';
import { DATABASE } from '@bridge/platform';
import type { EarlierThread } from './earlier-thread';

export interface TicketLink {
  clientId: string;
  externalSourceId: string;
  /** 'parked' when an event of the ticket is parked in its line. */
  status: 'creating' | 'linked' | 'parked';
  supportRequestId: number | null;
  interactionToken: string | null;
  openedEvent: EventEnvelope;
  createAttempts: number;
  lastError: string | null;
  /** Set when the ticket was linked to a request Tangoe already had (onboarding): that request's thread then. */
  earlierThread: EarlierThread | null;
}

interface LinkRow {
  client_id: string;
  external_source_id: string;
  status: TicketLink['status'];
  support_request_id: string | null;
  interaction_token: string | null;
  opened_event: EventEnvelope;
  create_attempts: number;
  last_error: string | null;
  earlier_thread: EarlierThread | string | null;
  parked_error: string | null | undefined;
}

/** The gateway's memory of tickets: their links to Tangoe and the comments sent; their events wait in TicketWorkRepository. */
@Injectable()
export class TicketLinksRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /**
   * Tickets whose ITSM number or title or description holds `text`, or whose support request id is `text`, of one
   * client or of all, newest change first: the console's ticket search (no text: the client's latest tickets).
   */
  async search(filter: { text?: string; clientId?: string }, limit: number): Promise<TicketFound[]> {
    const { rows } = await this.database.query<{ client_id: string; external_source_id: string; support_request_id: string | null; status: TicketLink['status']; title: string | null; updated_at: Date }>(
      `select client_id, external_source_id, support_request_id, status, opened_event->'data'->>'title' as title, updated_at
         from ticket_links
        where ($3::text is null or client_id = $3)
          and ($2::text is null or external_source_id ilike $1 or support_request_id::text = $2
               or opened_event->'data'->>'title' ilike $1 or opened_event->'data'->>'description' ilike $1)
        order by updated_at desc
        limit $4`,
      [filter.text === undefined ? null : `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, filter.text ?? null, filter.clientId ?? null, limit],
    );
    return rows.map((row) => ({
      clientId: row.client_id,
      externalSourceId: row.external_source_id,
      supportRequestId: row.support_request_id === null ? null : Number(row.support_request_id),
      status: row.status,
      title: row.title,
      updatedAt: row.updated_at.toISOString(),
    }));
  }

  async find(clientId: string, externalSourceId: string): Promise<TicketLink | undefined> {
    const { rows } = await this.database.query<LinkRow>(
      `select l.*, (select w.last_error from ticket_work w where w.client_id = l.client_id and w.external_source_id = l.external_source_id and w.status = 'parked'
                     order by w.rank, w.id limit 1) as parked_error
         from ticket_links l where l.client_id = $1 and l.external_source_id = $2`,
      [clientId, externalSourceId],
    );
    return rows[0] ? toLink(rows[0]) : undefined;
  }

  /** Records the intent to create (once per ticket) and returns the ticket's link as it now stands. */
  async recordIntent(clientId: string, externalSourceId: string, openedEvent: EventEnvelope): Promise<TicketLink> {
    await this.database.query(
      `insert into ticket_links (client_id, external_source_id, status, opened_event) values ($1, $2, 'creating', $3) on conflict do nothing`,
      [clientId, externalSourceId, JSON.stringify(openedEvent)],
    );
    return (await this.find(clientId, externalSourceId))!;
  }

  /** Committed before the create call, so after a crash the next attempt knows to look Tangoe up first. */
  async countCreateAttempt(clientId: string, externalSourceId: string): Promise<void> {
    await this.database.query(
      `update ticket_links set create_attempts = create_attempts + 1, status = 'creating', updated_at = now() where client_id = $1 and external_source_id = $2`,
      [clientId, externalSourceId],
      { prepared: 'ticket_links.count_create_attempt' },
    );
  }

  /** `seenInteractionId`: the interactions up to it were made by the bridge when creating, not news for the client. */
  /** `tangoeState`: the state of a request found at Tangoe, so the poll does not take it for news (a new one is open). */
  async link(clientId: string, externalSourceId: string, supportRequestId: number, interactionToken: string, seenInteractionId?: number, tangoeState?: string): Promise<void> {
    await this.database.query(
      `update ticket_links set status = 'linked', support_request_id = $3, interaction_token = $4, last_error = null, updated_at = now(),
              tangoe_state = coalesce(tangoe_state, $6, 'open'), last_interaction_id = coalesce(last_interaction_id, $5)
        where client_id = $1 and external_source_id = $2`,
      [clientId, externalSourceId, supportRequestId, interactionToken, seenInteractionId ?? null, tangoeState ?? null],
      { prepared: 'ticket_links.link' },
    );
  }

  /** The ticket's request was one Tangoe already had (an onboarded ticket), not one the bridge created: its thread then. */
  async markFoundAtTangoe(clientId: string, externalSourceId: string, thread: EarlierThread): Promise<void> {
    await this.database.query('update ticket_links set found_at_tangoe = true, earlier_thread = $3 where client_id = $1 and external_source_id = $2', [clientId, externalSourceId, JSON.stringify(thread)]);
  }

  /** Whether another client's ticket is linked to this request (two clients sharing one Tangoe API user). */
  async linkedByAnotherClient(supportRequestId: number, clientId: string): Promise<boolean> {
    return (await this.database.query('select 1 from ticket_links where support_request_id = $1 and client_id <> $2 limit 1', [supportRequestId, clientId])).rowCount > 0;
  }

  /** How these tickets of the client stand at the gateway: linked to a request Tangoe had, created, waiting, parked, or not seen yet. */
  async onboardingCounts(clientId: string, externalSourceIds: readonly string[]): Promise<{ linkedToExisting: number; created: number; waiting: number; parked: number; notSeenYet: number }> {
    const { rows } = await this.database.query<{ status: TicketLink['status']; found_at_tangoe: boolean; parked: boolean }>(
      `select l.status, l.found_at_tangoe,
              exists (select 1 from ticket_work w where w.client_id = l.client_id and w.external_source_id = l.external_source_id and w.status = 'parked') as parked
         from ticket_links l where l.client_id = $1 and l.external_source_id = any($2::text[])`,
      [clientId, externalSourceIds],
    );
    const count = (match: (row: { status: string; found_at_tangoe: boolean; parked: boolean }) => boolean) => rows.filter(match).length;
    return {
      linkedToExisting: count((row) => !row.parked && row.status === 'linked' && row.found_at_tangoe),
      created: count((row) => !row.parked && row.status === 'linked' && !row.found_at_tangoe),
      waiting: count((row) => !row.parked && row.status === 'creating'),
      parked: count((row) => row.parked),
      notSeenYet: new Set(externalSourceIds).size - rows.length,
    };
  }
}

function toLink(row: LinkRow): TicketLink {
  return {
    clientId: row.client_id,
    externalSourceId: row.external_source_id,
    // Parked is not the link's but its line's: an event of the ticket that Tangoe refused, holding the rest (ADR 20).
    status: row.parked_error !== null && row.parked_error !== undefined ? 'parked' : row.status,
    supportRequestId: row.support_request_id === null ? null : Number(row.support_request_id),
    interactionToken: row.interaction_token,
    openedEvent: typeof row.opened_event === 'string' ? JSON.parse(row.opened_event) : row.opened_event,
    createAttempts: row.create_attempts,
    lastError: row.parked_error ?? row.last_error,
    earlierThread: typeof row.earlier_thread === 'string' ? JSON.parse(row.earlier_thread) : (row.earlier_thread ?? null),
  };
}
