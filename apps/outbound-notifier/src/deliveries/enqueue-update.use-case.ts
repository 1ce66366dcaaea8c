import { Inject, Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@bridge/contracts';
import { ClientDirectory } from '@bridge/clients-config';
import { outboundAdapterFor, planUpdates, renderUpdate } from '@bridge/itsm-adapters';
import { CLIENTS, LOGGER } from '@bridge/platform';
import type { Logger } from 'pino';
import { DeliveriesRepository } from './deliveries.repository';

/**
 * Turns a Tangoe-side event into queued deliveries for its client: rendered now, so a template that fails is
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
    const client = this.clients.get(event.data.clientId);
    if (!client?.outbound) {
      this.logger.warn({ subject: event.subject, eventId: event.id }, 'no outbound configuration for this client; update not delivered');
      return;
    }
    const plan = planUpdates(event, client);
    if (plan.kind === 'none') {
      this.logger.debug({ subject: event.subject, eventId: event.id, reason: plan.reason }, 'nothing to send the client');
      return;
    }
    const adapter = outboundAdapterFor(client)!;
    for (const { update, target, state } of plan.updates) {
      let rendered;
      let error: string | undefined;
      try {
        rendered = renderUpdate(update, client, adapter, target);
      } catch (caught) {
        error = (caught as Error).message;
      }
      const outcome = await this.deliveries.enqueue(update, event, rendered, error, state);
      this.logger.info({ subject: event.subject, eventId: event.id, kind: update.kind, outcome, error }, error ? 'delivery parked: template failed' : `delivery ${outcome}`);
    }
  }
}
