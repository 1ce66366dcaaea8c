import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { ClientDirectory } from '@bridge/clients-config';
import { EventEnvelope, parseKey } from '@bridge/contracts';
import { CLIENTS, LOGGER, METRICS, Metrics, SETTINGS, ServiceSettings } from '@bridge/platform';
import { WorkDecision, WorkLineWorker, assertPoolHoldsLanes, registerWorkLineMetric } from '@bridge/work-line';
import { contextOf, inSpan } from '@bridge/tracing';
import type { Logger } from 'pino';
import { ClientHolds } from './client-holds';
import { gatewayRetrySchedule } from './gateway-retry-schedule';
import { GatewayError } from '../gateway.error';
import { TicketFlowUseCase } from './ticket-flow.use-case';
import { TicketWorkRepository, TicketWorkRow } from './ticket-work.repository';

/**
 * The gateway's tickets on their way to Tangoe (ADR 20): the consumer appends each client-side event to its
 * ticket's line and acknowledges it; lanes here send each ticket's line in order, one holder per ticket across
 * replicas. Retry and park are the line's (libs/work-line); the bus retries only what could not be appended.
 * A client paused or out of the clients file has nothing claimed: its lines wait, and flow again when it is back.
 */

@Injectable()
export class TicketLine implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly worker: WorkLineWorker<TicketWorkRow>;

  constructor(
    private readonly work: TicketWorkRepository,
    private readonly flow: TicketFlowUseCase,
    private readonly holds: ClientHolds,
    @Inject(CLIENTS) private readonly clients: ClientDirectory,
    @Inject(SETTINGS) settings: ServiceSettings,
    @Inject(METRICS) private readonly metrics: Metrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    // PGlite is one connection whatever the setting says, which its transactions share with what runs inside them.
    assertPoolHoldsLanes(settings.DATABASE_POOL_SIZE, settings.GATEWAY_LANES, 'GATEWAY_LANES');
    this.worker = new WorkLineWorker<TicketWorkRow>({
      repository: work,
      handle: (item) => this.sendInSpan(item),
      schedule: gatewayRetrySchedule(settings),
      eligibleClients: () => holds.sendable(),
      onDecision: (item, decision) => this.log(item, decision),
      lanes: settings.GATEWAY_LANES,
      idlePollMs: settings.GATEWAY_IDLE_POLL_MS,
      logger,
    });
  }

  onApplicationBootstrap(): void {
    registerWorkLineMetric(this.metrics, 'ticket_work', this.work, () => this.clients.ids());
    this.worker.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker.stop();
  }

  /** A client-side event joins its ticket's line; the lanes are told at once. */
  async append(event: EventEnvelope): Promise<void> {
    const key = parseKey(event.subject);
    if (key.kind !== 'ticket') throw new GatewayError('not_a_ticket', `${event.subject} is not a ticket`);
    if (await this.work.append(event, key.clientId, key.externalSourceId)) this.worker.ring();
  }

  /** A client was paused or resumed here: the lanes read the sendable clients afresh. */
  clientsChanged(): void {
    this.worker.clientsChanged();
  }

  /**
   * An operator's replay of a parked ticket: its parked event is tried again at once, here, and the rest of its
   * line follows; answered once the line has stopped (empty, waiting on a retry, or parked again).
   */
  async replay(clientId: string, externalSourceId: string): Promise<void> {
    // Asked once: the answer both refuses a held client and scopes the replay's first claim.
    const sendable = await this.holds.sendable();
    if (!sendable.includes(clientId)) {
      throw new GatewayError('client_held', `client ${clientId} is paused or not in the clients file: resume it, and its tickets are sent then`);
    }
    await this.worker.replayKey(clientId, externalSourceId, { clients: sendable });
  }

  /** A span of the trace of the consumed event, so its calls to Tangoe are in the trace of the ITSM's webhook. */
  private sendInSpan(item: TicketWorkRow) {
    const attributes = { 'bridge.subject': item.event.subject, 'bridge.event.id': item.event_id, 'bridge.attempt': item.attempts + 1 };
    return inSpan(`send ${item.event.type}`, { attributes, parent: contextOf(item.trace_context ?? {}) }, () => this.flow.handle(item.event, new Date(item.queued_at)));
  }

  private log(item: TicketWorkRow, decision: WorkDecision): void {
    const where = { subject: item.event.subject, eventId: item.event_id, type: item.event.type, attempt: decision.attempts };
    if (decision.kind === 'retry') this.logger.warn({ ...where, error: decision.error, retryInMs: decision.delayMs }, 'Tangoe did not take it; will retry');
    else if (decision.kind === 'park') this.logger.error({ ...where, error: decision.error }, 'ticket parked');
  }
}
