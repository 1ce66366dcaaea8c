import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, EventTypes } from '@bridge/contracts';
import type { ConsumedEvent } from '@bridge/messaging';
import { TicketFlowUseCase } from './tickets/ticket-flow.use-case';

/** Thin consumer of the client-side topic: the event is already decoded and validated; one use case per type. */
@Controller()
export class ClientEventsConsumer {
  constructor(private readonly tickets: TicketFlowUseCase) {}

  @EventPattern(EventTypes.TicketOpened)
  ticketOpened(@Payload() delivery: ConsumedEvent) {
    return this.tickets.open(delivery.event as EventEnvelope<'TicketOpened'>, delivery.attempt);
  }

  @EventPattern(EventTypes.CommentAdded)
  commentAdded(@Payload() delivery: ConsumedEvent) {
    return this.tickets.change(delivery.event as EventEnvelope<'CommentAdded'>, delivery.attempt);
  }

  @EventPattern(EventTypes.StateChanged)
  stateChanged(@Payload() delivery: ConsumedEvent) {
    return this.tickets.change(delivery.event as EventEnvelope<'StateChanged'>, delivery.attempt);
  }
}
