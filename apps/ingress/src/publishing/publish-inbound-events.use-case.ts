import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { EventEnvelope, EventTypes, TopicNames } from '@bridge/contracts';
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
          await tx.query('insert into published_events (event_id, subject, event_type, content_hash) values ($1, $2, $3, $4) on conflict do nothing', [
            event.id,
            event.subject,
            event.type,
            clientCommentHash(event),
          ]);
        }
      }
      return { published: fresh, duplicates: events.length - fresh.length };
    });
  }

  /** True when `text` is a client comment this ingress published on the ticket: Tangoe is echoing the bridge. */
  async isEchoOfClientComment(subject: string, text: string): Promise<boolean> {
    const { rowCount } = await this.database.query('select 1 from published_events where subject = $1 and content_hash = $2 limit 1', [subject, contentHash(text)]);
    return rowCount > 0;
  }
}

function clientCommentHash(event: EventEnvelope): string | null {
  return event.type === EventTypes.CommentAdded && event.data.origin === 'client' ? contentHash(event.data.text) : null;
}

/** Whitespace differences do not make a different comment. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text.trim().replace(/\s+/g, ' ')).digest('hex');
}
