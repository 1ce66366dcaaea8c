import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventTypes } from '@bridge/contracts';
import type { ConsumedEvent } from '@bridge/messaging';
import { EnqueueUpdateUseCase } from './deliveries/enqueue-update.use-case';

/** Thin consumer of the Tangoe-side topic: every event becomes (at most) one queued delivery. */
@Controller()
export class TangoeEventsConsumer {
  constructor(private readonly enqueue: EnqueueUpdateUseCase) {}

  @EventPattern(EventTypes.CommentAdded)
  commentAdded(@Payload() delivery: ConsumedEvent) {
    return this.enqueue.execute(delivery.event);
  }

  @EventPattern(EventTypes.StateChanged)
  stateChanged(@Payload() delivery: ConsumedEvent) {
    return this.enqueue.execute(delivery.event);
  }
}
