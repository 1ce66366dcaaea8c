import { Inject, Injectable } from '@nestjs/common';
import type { ClientDirectory } from '@bridge/clients-config';
import { ticketKey } from '@bridge/contracts';
import { outboundAdapterFor, planUpdates, renderUpdate } from '@bridge/itsm-adapters';
import { CLIENTS, ParkedError, ParkedItem, ParkedLine, ParkedReplay, parkedId } from '@bridge/platform';
import { DeliveriesRepository } from './deliveries.repository';
import { DeliveryReplayError } from './delivery-replay.error';
import { DeliveryWorker } from './delivery-worker';

/** The notifier's parked deliveries (`deliveries`), and their replay: rendered again, back at the head of the ticket's line. */
@Injectable()
export class ParkedDeliveries implements ParkedLine {
  readonly line = 'deliveries' as const;

  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly worker: DeliveryWorker,
    @Inject(CLIENTS) private readonly clients: ClientDirectory,
  ) {}

  async list(): Promise<ParkedItem[]> {
    return (await this.deliveries.parked()).map((delivery) => ({
      id: parkedId(this.line, delivery.id),
      line: this.line,
      key: ticketKey(delivery.client_id, delivery.external_source_id),
      clientId: delivery.client_id,
      externalSourceId: delivery.external_source_id,
      what: delivery.kind,
      error: delivery.last_error ?? '',
      attempts: delivery.attempts,
      parkedAt: new Date(delivery.due_at).toISOString(),
    }));
  }

  async replay(ownId: string): Promise<ParkedReplay> {
    await this.replayDelivery(ownId);
    return { id: parkedId(this.line, ownId), line: this.line, status: 'pending' };
  }

  /** Renders again with today's configuration (the template may have been fixed) and puts the delivery back in line. */
  async replayDelivery(id: string): Promise<void> {
    const delivery = /^\d+$/.test(id) ? await this.deliveries.find(id) : undefined;
    if (!delivery || delivery.status !== 'parked') throw ParkedError.notParked(parkedId(this.line, id));
    const client = this.clients.get(delivery.client_id);
    if (!client?.outbound) throw new DeliveryReplayError('not_deliverable', `client ${delivery.client_id} has no outbound configuration`);
    const plan = planUpdates(delivery.event, client);
    const planned = plan.kind === 'updates' ? plan.updates.find((candidate) => candidate.update.kind === delivery.kind) : undefined;
    if (!planned) throw new DeliveryReplayError('not_deliverable', plan.kind === 'none' ? plan.reason : `the event no longer asks for a ${delivery.kind} update`);
    let rendered;
    try {
      rendered = renderUpdate(planned.update, client, outboundAdapterFor(client)!, planned.target);
    } catch (error) {
      throw new DeliveryReplayError('template_failed', (error as Error).message, { cause: error });
    }
    await this.deliveries.requeue(id, rendered);
    this.worker.ring();
  }
}
