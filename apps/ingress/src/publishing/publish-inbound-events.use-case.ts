import { Inject, Injectable } from '@nestjs/common';
import { EventEnvelope, TopicNames } from '@bridge/contracts';
import { MessageBus, publishEvents } from '@bridge/messaging';
import { BUS, TOPICS } from '@bridge/platform';
import { PublishedEventsRepository } from './published-events.repository';
import { TicketsFromBefore } from './tickets-from-before';

export interface PublishOutcome {
  published: EventEnvelope[];
  duplicates: number;
}

/**
 * Publishes a webhook's events once. Per ticket, under a transaction-scoped advisory lock, it drops the events
 * already published (same ids: the webhook was delivered again), publishes the rest in order, waits for Kafka's
 * acknowledgement and only then records them. If Kafka does not acknowledge, nothing is recorded and the caller
 * answers 503, so the ITSM retries. (The client's changes coming back from Tangoe are the gateway's to recognise:
 * it wrote them there, docs/adr/0023.)
 */
@Injectable()
export class PublishInboundEventsUseCase {
  constructor(
    @Inject(BUS) private readonly bus: MessageBus,
    @Inject(TOPICS) private readonly topics: TopicNames,
    private readonly publishedEvents: PublishedEventsRepository,
    private readonly ticketsFromBefore: TicketsFromBefore,
  ) {}

  async execute(received: readonly EventEnvelope[]): Promise<PublishOutcome> {
    if (received.length === 0) return { published: [], duplicates: 0 };
    const events = await this.ticketsFromBefore.mark(received);
    const subject = events[0].subject;
    return this.publishedEvents.forTicket(subject, events.map((e) => e.id), async (tx, seen) => {
      const fresh = events.filter((event) => !seen.has(event.id));
      if (fresh.length > 0) {
        await publishEvents(this.bus, this.topics, fresh);
        await this.publishedEvents.record(tx, fresh);
      }
      return { published: fresh, duplicates: events.length - fresh.length };
    });
  }

  /** Whether an event with this id was published (a dry run's "already known"). */
  wasPublished(eventId: string): Promise<boolean> {
    return this.publishedEvents.wasPublished(eventId);
  }
}
