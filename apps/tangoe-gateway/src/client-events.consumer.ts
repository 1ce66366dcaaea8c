import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventTypes } from '@bridge/contracts';
import type { ConsumedEvent } from '@bridge/messaging';
import { TicketLine } from './tickets/ticket-line';

/**
 * Thin consumer of the client-side topic: the event is already decoded and validated, and joins its ticket's line;
 * once it is stored the bus may commit it. Only a failure to store it is retried by the bus.
 */
@Controller()
export class ClientEventsConsumer {
  constructor(private readonly line: TicketLine) {}

  @EventPattern(EventTypes.TicketOpened)
  ticketOpened(@Payload() delivery: ConsumedEvent) {
    return this.line.append(delivery.event);
  }

  @EventPattern(EventTypes.CommentAdded)
  commentAdded(@Payload() delivery: ConsumedEvent) {
    return this.line.append(delivery.event);
  }

  @EventPattern(EventTypes.StateChanged)
  stateChanged(@Payload() delivery: ConsumedEvent) {
    return this.line.append(delivery.event);
  }
}
