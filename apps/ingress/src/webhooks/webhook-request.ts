import { HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import type { EventEnvelope } from '@bridge/contracts';
import { refuse } from '@bridge/platform';
import type { Logger } from 'pino';
import type { PublishInboundEventsUseCase } from '../publishing/publish-inbound-events.use-case';

/** Publishes and answers 202 with what was published, or 503 with Retry-After so the sender tries again. */
export async function publishOrRetryLater(publish: PublishInboundEventsUseCase, events: EventEnvelope[], response: Response, logger: Logger, clientId: string) {
  try {
    const outcome = await publish.execute(events);
    logger.info({ clientId, subject: events[0].subject, published: outcome.published.map((e) => e.type), duplicates: outcome.duplicates }, 'webhook accepted');
    return { status: 'accepted', events: outcome.published.map((e) => ({ id: e.id, type: e.type })), duplicates: outcome.duplicates };
  } catch (error) {
    logger.error({ clientId, error: (error as Error).message }, 'events not acknowledged; the sender will retry');
    response.setHeader('Retry-After', '5');
    throw refuse(HttpStatus.SERVICE_UNAVAILABLE, 'unavailable', 'the events could not be stored; retry later');
  }
}
