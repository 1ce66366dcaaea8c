import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, EventTypes } from '@bridge/contracts';
import type { ConsumedEvent } from '@bridge/messaging';
import { LOGGER } from '@bridge/platform';
import type { Logger } from 'pino';
import { ReadTangoePushUseCase } from './read-tangoe-push.use-case';

/**
 * Consumer of Tangoe's pushes as the ingress received them. A push is read and its events published before the bus
 * commits it, so a gateway that dies meanwhile reads it again; the events' ids make the second reading a no-op
 * downstream. A failure to publish or to store is retried by the bus; an unreadable push is parked.
 */
@Controller()
export class TangoePushesConsumer {
  constructor(
    private readonly push: ReadTangoePushUseCase,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @EventPattern(EventTypes.TangoePushReceived)
  async pushReceived(@Payload() delivery: ConsumedEvent) {
    const record = delivery.event as EventEnvelope<'TangoePushReceived'>;
    const published = await this.push.read(record);
    this.logger.info({ subject: record.subject, push: record.id, published: published.map((event) => event.type) }, published.length > 0 ? 'Tangoe push read' : 'Tangoe push read: nothing new for the client');
  }
}
