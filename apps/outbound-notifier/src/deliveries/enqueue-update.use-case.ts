import { Inject, Injectable } from '@nestjs/common';
import { EventEnvelope, EventTypes } from '@bridge/contracts';
import { ClientDirectory } from '@bridge/clients-config';
import { outboundAdapterFor, renderUpdate, updateFor } from '@bridge/itsm-adapters';
import { CLIENTS, LOGGER } from '@bridge/platform';
import type { Logger } from 'pino';
import { DeliveriesRepository } from './deliveries.repository';

/**
 * Turns a Tangoe-side event into a queued delivery for its client: rendered now, so a template that fails is
 * parked with its error at once (visible, replayable after the fix) instead of failing on every attempt.
 */
@Injectable()
export class EnqueueUpdateUseCase {
  constructor(
    private readonly deliveries: DeliveriesRepository,
    @Inject(CLIENTS) private readonly clients: ClientDirectory,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(event: EventEnvelope): Promise<void> {
    const update = updateFor(event);
    if (!update) return;
    const client = this.clients.get(update.clientId);
    if (!client?.outbound) {
      this.logger.warn({ subject: event.subject, eventId: event.id }, 'no outbound configuration for this client; update not delivered');
      return;
    }
    const adapter = outboundAdapterFor(client)!;
    let rendered;
    let error: string | undefined;
    try {
      rendered = renderUpdate(update, client, adapter);
    } catch (caught) {
      error = (caught as Error).message;
    }
    const state = event.type === EventTypes.StateChanged ? event.data.state : undefined;
    const outcome = await this.deliveries.enqueue(update, event, rendered, error, state);
    this.logger.info({ subject: event.subject, eventId: event.id, kind: update.kind, outcome, error }, error ? 'delivery parked: template failed' : `delivery ${outcome}`);
  }
}
