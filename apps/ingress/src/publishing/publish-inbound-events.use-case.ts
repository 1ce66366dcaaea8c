import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { EventEnvelope, EventTypes, Origin, TopicNames } from '@bridge/contracts';
import { MessageBus, publishEvents } from '@bridge/messaging';
import { BUS, TOPICS } from '@bridge/platform';
import { commentKey, tangoeStateForClient } from '@bridge/tangoe-client';
import { ClientChangesRepository } from './client-changes.repository';
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
 * answers 503, so the ITSM retries. Before any of that, the client's comments and state changes are noted as
 * received, so Tangoe reporting them back is recognised as their echo.
 */
@Injectable()
export class PublishInboundEventsUseCase {
  constructor(
    @Inject(BUS) private readonly bus: MessageBus,
    @Inject(TOPICS) private readonly topics: TopicNames,
    private readonly publishedEvents: PublishedEventsRepository,
    private readonly clientChanges: ClientChangesRepository,
    private readonly ticketsFromBefore: TicketsFromBefore,
  ) {}

  async execute(received: readonly EventEnvelope[]): Promise<PublishOutcome> {
    if (received.length === 0) return { published: [], duplicates: 0 };
    const events = await this.ticketsFromBefore.mark(received);
    const subject = events[0].subject;
    await this.rememberClientChanges(events);
    return this.publishedEvents.forTicket(subject, async (tx) => {
      const seen = await this.publishedEvents.publishedAmong(tx, events.map((e) => e.id));
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

  /**
   * True when a change Tangoe reports is one the client made, coming back: an interaction whose text is a client
   * comment this ingress published on the ticket, or a state the client itself set there (its cancel or close).
   */
  async isEchoOfClientChange(event: EventEnvelope): Promise<boolean> {
    const hash = event.type === EventTypes.CommentAdded ? contentHash(event.data.text) : event.type === EventTypes.StateChanged ? stateHash(event.data.state) : null;
    if (hash === null) return false;
    return this.clientChanges.has(event.subject, hash);
  }

  /** Committed on its own, before the publish: the change cannot reach Tangoe before this row exists. */
  private async rememberClientChanges(events: readonly EventEnvelope[]): Promise<void> {
    for (const event of events) {
      const hash = clientChangeHash(event);
      if (hash) await this.clientChanges.remember(event.subject, hash);
    }
  }
}

/** What a client change is recognised by when Tangoe reports it back: a comment's text, or the state it sets at Tangoe. */
function clientChangeHash(event: EventEnvelope): string | null {
  if (event.type === EventTypes.CommentAdded && event.data.origin === Origin.Client) return contentHash(event.data.text);
  if (event.type === EventTypes.StateChanged && event.data.origin === Origin.Client) {
    const atTangoe = tangoeStateForClient(event.data.state);
    return atTangoe ? stateHash(atTangoe) : null;
  }
  return null;
}

export function contentHash(text: string): string {
  return createHash('sha256').update(commentKey(text)).digest('hex');
}

function stateHash(state: string): string {
  return createHash('sha256').update(`state:${state}`).digest('hex');
}
