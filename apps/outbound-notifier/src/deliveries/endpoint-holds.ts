import { Injectable } from '@nestjs/common';
import { DeliveryWorker } from './delivery-worker';
import { EndpointsRepository } from './endpoints.repository';

/**
 * An operator's pause, resume or re-enable of a client's endpoint: written, then the delivery lanes read the clients
 * they may send for afresh, so a resumed client's deliveries leave at once (not after the lanes' next look) and a
 * paused one's stop before the next claim here. Replicas elsewhere see it within DELIVERY_POLL_MS.
 */
@Injectable()
export class EndpointHolds {
  constructor(
    private readonly endpoints: EndpointsRepository,
    private readonly worker: DeliveryWorker,
  ) {}

  async pause(clientId: string, reason: string | undefined): Promise<void> {
    await this.endpoints.pause(clientId, reason);
    this.worker.clientsChanged();
  }

  /** True when the client was paused. */
  async resume(clientId: string): Promise<boolean> {
    const wasPaused = await this.endpoints.resume(clientId);
    this.worker.clientsChanged();
    return wasPaused;
  }

  async enable(clientId: string): Promise<{ enabled: boolean; requeued: number }> {
    const outcome = await this.endpoints.enable(clientId);
    this.worker.clientsChanged();
    return outcome;
  }
}
