import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ClientDirectory } from '@bridge/clients-config';
import { CLIENTS, LOGGER, SETTINGS, ServiceSettings } from '@bridge/platform';
import type { Logger } from 'pino';
import { ClientHolds } from './client-holds';
import { TicketFlowUseCase } from './ticket-flow.use-case';
import { TicketLinksRepository } from './ticket-links.repository';

const DEFAULT_SWEEP_MS = 30_000;

/**
 * Sends what a client's tickets held while it was paused or out of the clients file, in the background: a resume or
 * a client's return answers at once, however many tickets wait, and is never cut off half-way by a request timeout.
 * It also sweeps, every GATEWAY_SWEEP_INTERVAL_MS, for tickets that wait with nobody sending them (a resume cut
 * short by a restart, a ticket whose bus retries ended while its client was held) and sends those. Each ticket goes
 * through the ticket flow's own hold on it, so a sweep on two replicas, or beside the bus, sends nothing twice.
 */
@Injectable()
export class HeldTicketsSender implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private running = false;
  private loop?: Promise<void>;
  /** Ends the sweep's wait at shutdown: a stop never waits out an interval. */
  private readonly stopping = new AbortController();
  /** Per client, one send of its held tickets at a time, in the order asked for: one client's outage delays no other. */
  private readonly sending = new Map<string, Promise<void>>();
  private unsubscribe?: () => void;

  constructor(
    private readonly links: TicketLinksRepository,
    private readonly holds: ClientHolds,
    private readonly tickets: TicketFlowUseCase,
    @Inject(CLIENTS) private readonly clients: ClientDirectory,
    @Inject(SETTINGS) private readonly settings: ServiceSettings,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    // A client back in the file after a reload had removed it (ADR 17): what it held goes now.
    this.unsubscribe = this.clients.onChange((change) => change.added.forEach((clientId) => this.send(clientId)));
    this.running = true;
    this.loop = this.sweep();
  }

  /** Stops sweeping; what is being sent finishes first, before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.unsubscribe?.();
    this.running = false;
    this.stopping.abort();
    await this.loop;
    await Promise.all(this.sending.values());
  }

  /** The client's held tickets, sent in the background (a resume, a return). */
  send(clientId: string): void {
    this.enqueue(clientId, 0);
  }

  private enqueue(clientId: string, quietMs: number): Promise<void> {
    const next = (this.sending.get(clientId) ?? Promise.resolve()).then(() =>
      this.sendStalled(clientId, quietMs).catch((error: unknown) => this.logger.error({ clientId, error: (error as Error).message }, 'held tickets could not all be sent; the next sweep tries again')),
    );
    this.sending.set(clientId, next);
    void next.then(() => {
      if (this.sending.get(clientId) === next) this.sending.delete(clientId);
    });
    return next;
  }

  private async sendStalled(clientId: string, quietMs: number): Promise<void> {
    if (await this.holds.isHeld(clientId)) return;
    const stalled = await this.links.heldBack(clientId, quietMs);
    for (const link of stalled) {
      // Stopping: the ticket in hand finishes; the rest wait for the sweep after the restart.
      if (!this.running) return;
      await this.tickets.sendHeld(link);
    }
    if (stalled.length > 0) this.logger.info({ clientId, tickets: stalled.length }, 'held tickets sent');
  }

  private async sweep(): Promise<void> {
    const intervalMs = this.settings.GATEWAY_SWEEP_INTERVAL_MS ?? DEFAULT_SWEEP_MS;
    while (this.running) {
      await sleep(intervalMs, undefined, { signal: this.stopping.signal }).catch(() => undefined);
      // Untouched for a whole interval: the bus has stopped retrying them, or nobody is left to. A client still
      // busy with its last turn is not asked again.
      for (const client of this.clients.all()) if (this.running && !this.sending.has(client.id)) void this.enqueue(client.id, intervalMs);
    }
  }
}
