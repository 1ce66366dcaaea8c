import { Inject, Injectable } from '@nestjs/common';
import { EventEnvelope, TopicNames } from '@bridge/contracts';
import { MessageBus, publishEvents } from '@bridge/messaging';
import type { Database } from '@bridge/persistence';
import { BUS, DATABASE, TOPICS } from '@bridge/platform';

export interface PublishOutcome {
  published: EventEnvelope[];
  duplicates: number;
}

/**
 * Publishes a webhook's events once. Per ticket, under a transaction-scoped advisory lock, it drops the events
 * already published (same ids: the webhook was delivered again), publishes the rest in order, waits for Kafka's
 * acknowledgement and only then records them. If Kafka does not acknowledge, nothing is recorded and the caller
 * answers 503, so the ITSM retries.
 */
@Injectable()
export class PublishInboundEventsUseCase {
  constructor(
    @Inject(BUS) private readonly bus: MessageBus,
    @Inject(TOPICS) private readonly topics: TopicNames,
    @Inject(DATABASE) private readonly database: Database,
  ) {}

  async execute(events: readonly EventEnvelope[]): Promise<PublishOutcome> {
    if (events.length === 0) return { published: [], duplicates: 0 };
    const subject = events[0].subject;
    return this.database.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock(hashtext($1))', [subject]);
      const { rows } = await tx.query<{ event_id: string }>('select event_id from published_events where event_id = any($1::text[])', [events.map((e) => e.id)]);
      const seen = new Set(rows.map((row) => row.event_id));
      const fresh = events.filter((event) => !seen.has(event.id));
      if (fresh.length > 0) {
        await publishEvents(this.bus, this.topics, fresh);
        for (const event of fresh) {
          await tx.query('insert into published_events (event_id, subject, event_type) values ($1, $2, $3) on conflict do nothing', [event.id, event.subject, event.type]);
        }
      }
      return { published: fresh, duplicates: events.length - fresh.length };
    });
  }
}
