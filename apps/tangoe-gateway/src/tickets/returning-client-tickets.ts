import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { ClientDirectory, ClientsChange } from '@bridge/clients-config';
import { CLIENTS, LOGGER } from '@bridge/platform';
import type { Logger } from 'pino';
import { TicketFlowUseCase } from './ticket-flow.use-case';

/**
 * When a reload brings a client (back) into the clients file, the tickets it held while it was out go to its
 * Tangoe, in order (ADR 17). In the background: the reload answers at once, however many tickets wait.
 */
@Injectable()
export class ReturningClientTickets implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private unsubscribe?: () => void;
  private sending = Promise.resolve();

  constructor(
    @Inject(CLIENTS) private readonly clients: ClientDirectory,
    private readonly tickets: TicketFlowUseCase,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.unsubscribe = this.clients.onChange((change) => this.returned(change));
  }

  /** Stops taking returns; what is being sent finishes first, before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.unsubscribe?.();
    await this.sending;
  }

  private returned(change: ClientsChange): void {
    for (const clientId of change.added) {
      this.sending = this.sending.then(() =>
        this.tickets.clientReturned(clientId).then(
          () => undefined,
          (error: unknown) => this.logger.error({ clientId, error: (error as Error).message }, "what the client held could not all be sent; 'bridge clients resume' sends the rest"),
        ),
      );
    }
  }
}
