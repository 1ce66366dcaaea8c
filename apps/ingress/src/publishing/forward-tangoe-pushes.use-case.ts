import { Inject, Injectable } from '@nestjs/common';
import type { EventEnvelope, TopicNames } from '@bridge/contracts';
import { MessageBus, publishEvents } from '@bridge/messaging';
import { BUS, TOPICS } from '@bridge/platform';
import type { PublishOutcome } from './publish-inbound-events.use-case';

/**
 * Hands Tangoe's pushes on to the gateway as they came, Kafka's acknowledgement being the only condition of the 202.
 * No database: Tangoe pushes every change, the client's own included, several times the ITSMs' webhooks, and a
 * push holding a connection (the ITSM webhooks' once-only check takes a per-ticket lock in a transaction) starved
 * the webhooks and reconciliation of the pool in the 10,000-ticket fault run; and the door must take a push while
 * PostgreSQL restarts, since Tangoe never sends it again. A push delivered twice is published twice: the gateway
 * reads it into events whose ids come from Tangoe's own, and publishes those once (docs/adr/0023).
 */
@Injectable()
export class ForwardTangoePushesUseCase {
  constructor(
    @Inject(BUS) private readonly bus: MessageBus,
    @Inject(TOPICS) private readonly topics: TopicNames,
  ) {}

  async execute(records: readonly EventEnvelope<'TangoePushReceived'>[]): Promise<PublishOutcome> {
    await publishEvents(this.bus, this.topics, records);
    return { published: [...records], duplicates: 0 };
  }
}
