import { Inject, Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@bridge/contracts';
import { ClientConfig, ClientDirectory } from '@bridge/clients-config';
import { outboundAdapterFor, planUpdates, renderUpdate } from '@bridge/itsm-adapters';
import type { Database } from '@bridge/persistence';
import { CLIENTS, DATABASE, LOGGER } from '@bridge/platform';
import type { Logger } from 'pino';
import { DeliveriesRepository } from './deliveries.repository';
import { DeliveryWorker } from './delivery-worker';
import { HeldUpdatesRepository } from './held-updates.repository';

/**
 * Turns a Tangoe-side event into queued deliveries for its client: rendered now, so a template that fails is
 * parked with its error at once (visible, replayable after the fix) instead of failing on every attempt.
 */
@Injectable()
export class EnqueueUpdateUseCase {
  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly held: HeldUpdatesRepository,
    private readonly worker: DeliveryWorker,
    @Inject(CLIENTS) private readonly clients: ClientDirectory,
    @Inject(DATABASE) private readonly database: Database,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(event: EventEnvelope): Promise<void> {
    const clientId = event.data.clientId;
    const client = this.clients.get(clientId);
    if (!client) {
      // Out of the clients file now (a reload removed or disabled it): kept, and queued once it is back (ADR 17).
      await this.held.hold(clientId, event);
      this.logger.warn({ subject: event.subject, eventId: event.id, clientId }, 'client not in the clients file; update held until it is back');
      return;
    }
    // What was held while the client was out goes first, so a ticket's updates keep their order.
    if (await this.held.holdsAny(clientId)) await this.releaseHeld(clientId);
    await this.enqueue(event, client);
  }

  /** Queues what was held for a client back in the clients file, in arrival order, one replica at a time. */
  async releaseHeld(clientId: string): Promise<number> {
    return this.database.exclusive(`outbound-notifier held updates ${clientId}`, async () => {
      const client = this.clients.get(clientId);
      if (!client) return 0;
      const held = await this.held.of(clientId);
      for (const update of held) {
        await this.enqueue(update.event, client);
        await this.held.release(update.seq);
      }
      if (held.length > 0) this.logger.info({ clientId, updates: held.length }, 'client back in the clients file; held updates queued');
      return held.length;
    });
  }

  private async enqueue(event: EventEnvelope, client: ClientConfig): Promise<void> {
    if (!client.outbound) {
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
      if (outcome === 'queued') this.worker.ring();
      this.logger.info({ subject: event.subject, eventId: event.id, kind: update.kind, outcome, error }, error ? 'delivery parked: template failed' : `delivery ${outcome}`);
    }
  }
}
