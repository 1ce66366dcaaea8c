import { Inject, Injectable } from '@nestjs/common';
import { EventEnvelope, EventTypes } from '@bridge/contracts';
import type { Database } from '@bridge/persistence';
import { DATABASE } from '@bridge/platform';
import { traceHeaders, traceIdOf } from '@bridge/tracing';
import { WorkLineRepository, WorkRow } from '@bridge/work-line';
import { NO_OPENING } from './opening-wait';

export interface TicketWorkRow extends WorkRow {
  event_id: string;
  event: EventEnvelope;
  queued_at: Date | string;
  trace_context: Record<string, string> | null;
}

/** The gateway's work line: every client-side event of a ticket, in order, until Tangoe has it (ADR 20). */
export const TICKET_WORK_TABLE = 'ticket_work';

/** A ticket's opening goes before its other events, whenever it arrives: nothing can be sent before the request exists. */
const OPENING_RANK = 0;
const CHANGE_RANK = 1;

@Injectable()
export class TicketWorkRepository extends WorkLineRepository<TicketWorkRow> {
  constructor(@Inject(DATABASE) private readonly db: Database) {
    super(db, TICKET_WORK_TABLE, 'done');
  }

  /**
   * Appends an event to its ticket's line, once per event id (a re-delivered event finds itself, done or not, or
   * among the events handled before the line existed). A TicketOpened also records the ticket as known, being
   * created, and lets its ticket's changes go: those that arrived first waited for it (or were parked for want of
   * it), and go right after it. One statement, so all or nothing without a transaction: one round trip, where
   * BEGIN … COMMIT took six for an opening. False when the event was there.
   */
  async append(event: EventEnvelope, clientId: string, externalSourceId: string): Promise<boolean> {
    const opening = event.type === EventTypes.TicketOpened;
    const { rows } = await this.db.query<{ appended: number }>(
      `with known as (
         insert into ticket_links (client_id, external_source_id, status, opened_event)
         select $1, $2, 'creating', $5 where $7 on conflict do nothing),
       appended as (
         -- An event the gateway handled before the work line (handled_events, kept read-only) is not appended again.
         insert into ticket_work (client_id, external_source_id, rank, status, event_id, event, trace_context)
         select $1, $2, $3, 'pending', $4, $5, $6 where not exists (select 1 from handled_events where event_id = $4)
         on conflict (event_id) do nothing returning id),
       resumed as (${this.keyResumedStatement({ client: '$1', key: '$2', cause: '$8', when: '$7 and exists (select 1 from appended)' })})
       select count(*)::int as appended from appended`,
      [clientId, externalSourceId, opening ? OPENING_RANK : CHANGE_RANK, event.id, JSON.stringify(event), JSON.stringify(traceHeaders()), opening, NO_OPENING],
      { prepared: 'ticket_work.append' },
    );
    return rows[0].appended > 0;
  }

  /**
   * Every event of the ticket the line still holds (done ones until the retention job trims them), in line order,
   * with the trace it was appended in: the gateway's part of the ticket's timeline.
   */
  async eventsOf(clientId: string, externalSourceId: string): Promise<TicketWorkEvent[]> {
    const { rows } = await this.db.query<Pick<TicketWorkRow, 'event_id' | 'status' | 'attempts' | 'queued_at' | 'last_error' | 'trace_context'> & { type: string }>(
      `select event_id, event->>'type' as type, status, attempts, queued_at, last_error, trace_context
         from ticket_work where client_id = $1 and external_source_id = $2 order by rank, id`,
      [clientId, externalSourceId],
    );
    return rows.map((row) => ({
      eventId: row.event_id,
      type: row.type,
      status: row.status,
      attempts: row.attempts,
      queuedAt: new Date(row.queued_at).toISOString(),
      error: row.last_error,
      traceId: traceIdOf(row.trace_context),
    }));
  }
}

/** An event in a ticket's line at the gateway. */
export interface TicketWorkEvent {
  eventId: string;
  type: string;
  status: string;
  attempts: number;
  queuedAt: string;
  error: string | null;
  traceId: string | null;
}
