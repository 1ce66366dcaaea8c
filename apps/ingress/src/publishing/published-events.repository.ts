import { Inject, Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@bridge/contracts';
import { type Database, type Queryable, lockedTransaction, sqlLiteral } from '@bridge/persistence';
import { DATABASE } from '@bridge/platform';

/** One event as the ingress published it, for a ticket's timeline. */
export interface PublishedEvent {
  eventId: string;
  type: string;
  publishedAt: string;
}

/** The ids of the events the ingress published, per ticket (subject): an event delivered again is known by its id. */
@Injectable()
export class PublishedEventsRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /**
   * Runs `fn` in a transaction that holds the ticket against every other replica, so its events are recorded once,
   * with which of `eventIds` were published already (read once the ticket is held, in the same round trip as the
   * transaction's BEGIN and the lock).
   */
  forTicket<T>(subject: string, eventIds: readonly string[], fn: (tx: Queryable, published: Set<string>) => Promise<T>): Promise<T> {
    const publishedAmong = `select event_id from published_events where event_id = any(array[${eventIds.map(sqlLiteral).join(', ')}]::text[])`;
    return lockedTransaction(this.database, subject, (tx, read) => fn(tx, new Set(read.rows.map((row) => String(row.event_id)))), publishedAmong);
  }

  /** After Kafka acknowledged them: from now on they are known. */
  async record(tx: Queryable, events: readonly EventEnvelope[]): Promise<void> {
    for (const event of events) {
      await tx.query('insert into published_events (event_id, subject, event_type) values ($1, $2, $3) on conflict do nothing', [event.id, event.subject, event.type]);
    }
  }

  async wasPublished(eventId: string): Promise<boolean> {
    return (await this.database.query('select 1 from published_events where event_id = $1', [eventId])).rows.length > 0;
  }

  /** The ticket's published events, oldest first. */
  async ofTicket(subject: string): Promise<PublishedEvent[]> {
    const { rows } = await this.database.query<{ event_id: string; event_type: string; published_at: string }>(
      'select event_id, event_type, published_at from published_events where subject = $1 order by published_at, event_id',
      [subject],
    );
    return rows.map((row) => ({ eventId: row.event_id, type: row.event_type, publishedAt: new Date(row.published_at).toISOString() }));
  }
}
