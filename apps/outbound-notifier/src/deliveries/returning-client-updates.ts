import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { ClientDirectory } from '@bridge/clients-config';
import { CLIENTS, METRICS, Metrics } from '@bridge/platform';
import { EnqueueUpdateUseCase } from './enqueue-update.use-case';
import { HeldUpdatesRepository } from './held-updates.repository';

/**
 * Tangoe's updates for a client out of the clients file are held (ADR 17): when a reload brings it back they are
 * queued as deliveries, before the reload answers; its deliveries already queued were never claimed meanwhile and
 * simply flow again.
 */
@Injectable()
export class ReturningClientUpdates implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private unsubscribe?: () => void;

  constructor(
    @Inject(CLIENTS) private readonly clients: ClientDirectory,
    private readonly enqueue: EnqueueUpdateUseCase,
    private readonly held: HeldUpdatesRepository,
    @Inject(METRICS) private readonly metrics: Metrics,
  ) {}

  onApplicationBootstrap(): void {
    this.metrics.gauge('bridge_held_updates', "Tangoe's updates held for a client out of the clients file, per client.", ['client'], async () =>
      (await this.held.counts()).map(({ clientId, held }) => ({ labels: { client: clientId }, value: held })),
    );
    this.unsubscribe = this.clients.onChange(async (change) => {
      for (const clientId of change.added) await this.enqueue.releaseHeld(clientId);
    });
  }

  beforeApplicationShutdown(): void {
    this.unsubscribe?.();
  }
}
