import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ClientDirectory } from '@bridge/clients-config';
import { ticketKey } from '@bridge/contracts';
import { BridgeError, describeFailure } from '@bridge/errors';
import { EarlierAttempt, ItsmHttp, UndecidedCheck, checkedUpdate, outboundAdapterFor } from '@bridge/itsm-adapters';
import type { Queryable } from '@bridge/persistence';
import { CLIENTS, LOGGER, METRICS, Metrics, SETTINGS, ServiceSettings } from '@bridge/platform';
import type { Logger } from 'pino';
import { SpanKind, contextOf, inSpan, traceHeaders } from '@bridge/tracing';
import { WorkDecision, WorkLineWorker, WorkOutcome, assertPoolHoldsLanes, registerWorkLineMetric } from '@bridge/work-line';
import { DeliveriesRepository, DeliveryRow } from './deliveries.repository';
import { endpointPauseMs, isRetriableStatus, nextDelayMs, retryAfterMsOf, saysEndpointGone } from './delivery-schedule';
import { ENDPOINT_GONE, EndpointsRepository } from './endpoints.repository';

export function webhookId(eventId: string): string {
  return `msg_${eventId}`;
}

/** An attempt's outcome with what the delivery log records of it once the line has decided. */
/** How an attempt went, with what the decision's transaction records beside it: the attempt's answer, a record it created. */
type DeliveryOutcome = WorkOutcome & { attempt?: { id: string; status?: number; response: string; durationMs: number }; created?: { id: string; number?: string } };

const LOGGED_OUTCOME = { done: 'delivered', retry: 'retry', park: 'parked' } as const;

/**
 * Sends the deliveries of the notifier's work line (libs/work-line, ADR 20): a few lanes per replica, each on the
 * head of one ticket's line; the line decides what follows each attempt. A client out of the clients file, or whose
 * endpoint is disabled, slowed down or paused, has nothing claimed.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly worker: WorkLineWorker<DeliveryRow, DeliveryOutcome>;

  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly endpoints: EndpointsRepository,
    private readonly http: ItsmHttp,
    @Inject(CLIENTS) private readonly clients: ClientDirectory,
    @Inject(SETTINGS) settings: ServiceSettings,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS) private readonly metrics: Metrics,
  ) {
    assertPoolHoldsLanes(settings.DATABASE_POOL_SIZE, settings.DELIVERY_LANES, 'DELIVERY_LANES');
    const scale = settings.DELIVERY_TIME_SCALE;
    this.worker = new WorkLineWorker<DeliveryRow, DeliveryOutcome>({
      repository: deliveries,
      handle: (delivery) => this.deliverInSpan(delivery),
      schedule: (failed, retryAfterMs) => nextDelayMs(failed, retryAfterMs, scale),
      eligibleClients: () => this.sendableClients(),
      onDecision: (delivery, decision, outcome, tx) => this.record(delivery, decision, outcome, tx),
      lanes: settings.DELIVERY_LANES,
      idlePollMs: settings.DELIVERY_POLL_MS,
      logger,
    });
    this.scale = scale;
  }

  private readonly scale: number;

  onApplicationBootstrap(): void {
    registerWorkLineMetric(this.metrics, 'deliveries', this.deliveries, () => this.clients.ids());
    this.worker.start();
  }

  /** Stops claiming; the deliveries in flight finish and commit first. */
  async onApplicationShutdown(): Promise<void> {
    await this.worker.stop();
  }

  /** A delivery was queued or put back in line: a lane looks at once. */
  ring(): void {
    this.worker.ring();
  }

  /** A client was paused or resumed, or its endpoint re-enabled, here: the lanes read the sendable clients afresh. */
  clientsChanged(): void {
    this.worker.clientsChanged();
  }

  private async sendableClients(): Promise<string[]> {
    const held = await this.endpoints.heldClients();
    return this.clients.ids().filter((id) => !held.has(id));
  }

  /** A span of the trace of the event the delivery came from, which the ITSM receives as `traceparent`. */
  private deliverInSpan(delivery: DeliveryRow): Promise<DeliveryOutcome> {
    const attributes = { 'bridge.subject': ticketKey(delivery.client_id, delivery.external_source_id), 'bridge.delivery.id': String(delivery.id), 'bridge.attempt': delivery.attempts + 1 };
    return inSpan(`deliver ${delivery.kind}`, { kind: SpanKind.CLIENT, attributes, parent: contextOf(delivery.trace_context ?? {}) }, () => this.deliver(delivery));
  }

  private async deliver(delivery: DeliveryRow): Promise<DeliveryOutcome> {
    const attempt = delivery.attempts + 1;
    const client = this.clients.get(delivery.client_id);
    // Claimed just as a reload took the client out of the file: left for its return (ADR 17); claimed for none meanwhile.
    if (!client) return { kind: 'later', delayMs: 0 };
    if (!client.outbound || !delivery.rendered) return { kind: 'failed', error: 'nothing rendered to send', retriable: false };
    // Claimed just before another lane's 410 or 429 was recorded: left as it is; the claim skips it from now on.
    if (await this.endpoints.isHeld(client.id)) return { kind: 'later', delayMs: 0 };
    const adapter = outboundAdapterFor(client)!;
    // A record id that is not the ITSM's never reaches a search or a URL (rendered before that was checked, or replayed).
    try {
      checkedUpdate(delivery.rendered, adapter);
    } catch (error) {
      return { kind: 'failed', error: (error as Error).message, retriable: false };
    }
    const http = this.http.for(client);
    // After an earlier attempt (cut off, unanswered, or failed part-way: any of them may have reached the ITSM), the
    // ITSM is asked first, and a send again skips what it shows this delivery did; the ticket's earlier deliveries
    // say which of the bridge's entries are theirs (ADR 15).
    const earlier = await this.earlierAttemptOf(delivery);
    if (earlier && adapter.alreadyApplied) {
      let applied: boolean;
      try {
        applied = await adapter.alreadyApplied(http, delivery.rendered, client, earlier);
      } catch (error) {
        return this.askAgainLater(delivery, error);
      }
      if (applied) {
        const attemptId = await this.deliveries.startAttempt(delivery.id, attempt);
        this.logger.info({ deliveryId: delivery.id }, 'delivery found at the ITSM after an earlier attempt');
        return { kind: 'done', attempt: { id: attemptId, response: 'found at the ITSM after an earlier attempt; not sent again', durationMs: 0 } };
      }
    }
    const attemptId = await this.deliveries.startAttempt(delivery.id, attempt);
    const started = Date.now();
    let status: number | undefined;
    let response = '';
    let retryAfterMs: number | undefined;
    let refused = false;
    let created: { id: string; number?: string } | undefined;
    try {
      // The same id on every attempt of a delivery: receivers that de-duplicate can (Standard Webhooks' webhook-id).
      const result = await adapter.send(http, delivery.rendered, client, { 'webhook-id': webhookId(delivery.event_id), ...traceHeaders() }, earlier);
      status = result.status;
      response = result.body;
      created = result.created;
      retryAfterMs = retryAfterMsOf(result.retryAfter);
    } catch (error) {
      response = `no answer: ${describeFailure(error)}`;
      // A failure that says it will not pass by itself (a login the ITSM refuses) parks at once, like a 4xx.
      refused = error instanceof BridgeError && !error.retriable;
    }
    const logged = { id: attemptId, status, response, durationMs: Date.now() - started };
    if (status !== undefined && status >= 200 && status < 300) return { kind: 'done', attempt: logged, created };
    // Standard Webhooks' 410: the receiver is gone. ITSM APIs answer a missing record with 404, so a 410 from one
    // is read the same way: the endpoint, not the record.
    if (saysEndpointGone(status)) {
      const reason = `endpoint answered 410 Gone at ${new Date().toISOString()}; nothing more is sent to client ${client.id} until an operator re-enables it (POST /admin/endpoints/${client.id}/enable)`;
      return { kind: 'failed', error: reason, retriable: false, parkedCause: ENDPOINT_GONE, attempt: logged };
    }
    await this.slowDownIfAsked(delivery, status, retryAfterMs);
    const retriable = status === undefined ? !refused : isRetriableStatus(status);
    return { kind: 'failed', error: status === undefined ? response : `HTTP ${status}: ${response}`, retriable, retryAfterMs, attempt: logged };
  }

  /** What a send after an earlier attempt needs to know; none on a first attempt, which costs no query more. */
  private async earlierAttemptOf(delivery: DeliveryRow): Promise<EarlierAttempt | undefined> {
    const since = await this.deliveries.firstAttemptStartedAt(delivery.id);
    return since ? { since, deliveredBefore: await this.deliveries.deliveredBefore(delivery) } : undefined;
  }

  /**
   * The ITSM could not say whether an earlier attempt reached it (its check answered 503, or nothing). Nothing is
   * sent on a guess: the delivery waits for its next retry and asks again. Past the schedule it parks, and a replay
   * asks first too.
   */
  private async askAgainLater(delivery: DeliveryRow, failure: unknown): Promise<DeliveryOutcome> {
    const answer = failure instanceof UndecidedCheck ? failure.answer : undefined;
    const retryAfterMs = retryAfterMsOf(answer?.retryAfter);
    await this.slowDownIfAsked(delivery, answer?.status, retryAfterMs);
    const error = `could not tell whether an earlier attempt reached the ITSM: ${answer ? `HTTP ${answer.status}: ${answer.body}` : `no answer: ${describeFailure(failure)}`}`;
    return { kind: 'failed', error, retriable: true, retryAfterMs };
  }

  /** An answer asking to slow down (429/502/504, a Retry-After) pauses the whole endpoint, at once, on its own commit. */
  private async slowDownIfAsked(delivery: DeliveryRow, status: number | undefined, retryAfterMs: number | undefined): Promise<void> {
    const pause = endpointPauseMs(status, retryAfterMs, this.scale);
    if (pause === undefined) return;
    await this.endpoints.slowDown(delivery.client_id, pause);
    this.logger.warn({ subject: ticketKey(delivery.client_id, delivery.external_source_id), deliveryId: delivery.id, status, pauseMs: pause }, 'endpoint asked to slow down; its deliveries wait');
  }

  /**
   * The delivery log's side of the line's decision, in its transaction: when it was delivered and the record it
   * created, the endpoint gone, the attempt's answer, the counter, the log line.
   */
  private async record(delivery: DeliveryRow, decision: WorkDecision, outcome: DeliveryOutcome | undefined, tx: Queryable): Promise<void> {
    if (decision.kind === 'later') return;
    if (decision.kind === 'done') {
      await this.deliveries.markDeliveredAt(tx, delivery.id);
      if (outcome?.created) await this.deliveries.recordCreated(tx, delivery, outcome.created);
    }
    if (decision.kind === 'park' && decision.parkedCause === ENDPOINT_GONE) {
      // With the delivery's park: a re-enable sees the endpoint disabled and this delivery parked, or neither.
      await this.endpoints.disable(delivery.client_id, decision.error, tx);
      this.logger.error({ subject: ticketKey(delivery.client_id, delivery.external_source_id), deliveryId: delivery.id, status: outcome?.attempt?.status }, 'endpoint gone: deliveries to the client are held');
    }
    const logged = LOGGED_OUTCOME[decision.kind];
    if (outcome?.attempt) await this.deliveries.finishAttempt(tx, outcome.attempt.id, logged, outcome.attempt.status, outcome.attempt.response, outcome.attempt.durationMs);
    // The handler threw (after its attempt may have begun): that attempt is not left 'sending' for ever.
    else if (outcome === undefined && decision.kind !== 'done') await this.deliveries.finishOpenAttempt(tx, delivery.id, decision.attempts, logged, decision.error);
    this.metrics.deliveries.inc({ client: delivery.client_id, outcome: logged });
    const where = { subject: ticketKey(delivery.client_id, delivery.external_source_id), deliveryId: delivery.id, kind: delivery.kind, attempt: decision.attempts, status: outcome?.attempt?.status };
    if (decision.kind === 'done') this.logger.info(where, 'delivered');
    else if (decision.kind === 'retry') this.logger.warn({ ...where, error: decision.error, retryInMs: decision.delayMs }, 'delivery failed; will retry');
    else this.logger.error({ ...where, error: decision.error }, 'delivery parked');
  }
}
