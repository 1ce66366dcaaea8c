import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { ClientDirectory } from '@bridge/clients-config';
import { EarlierAttempt, ItsmHttp, UndecidedCheck, outboundAdapterFor } from '@bridge/itsm-adapters';
import type { Queryable } from '@bridge/persistence';
import { CLIENTS, LOGGER, METRICS, Metrics } from '@bridge/platform';
import type { Logger } from 'pino';
import { SpanKind, contextOf, inSpan, traceHeaders } from '@bridge/tracing';
import { DeliveriesRepository, DeliveryRow } from './deliveries.repository';
import { endpointPauseMs, isRetriableStatus, nextDelayMs, retryAfterMsOf, saysEndpointGone } from './delivery-schedule';
import { ENDPOINT_GONE, EndpointsRepository } from './endpoints.repository';

export function webhookId(eventId: string): string {
  return `msg_${eventId}`;
}

/**
 * Sends due deliveries, each the head of its ticket's line, with a few lanes in parallel per replica. Replicas
 * share the work through row locks (SKIP LOCKED); no replica is special.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private running = false;
  private lanes: Promise<void>[] = [];

  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly endpoints: EndpointsRepository,
    private readonly http: ItsmHttp,
    @Inject(CLIENTS) private readonly clients: ClientDirectory,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS) private readonly metrics: Metrics,
  ) {}

  onApplicationBootstrap(): void {
    this.metrics.gauge('bridge_parked_items', 'Items parked until an operator replays them.', ['kind'], async () => [{ labels: { kind: 'delivery' }, value: await this.deliveries.countParked() }]);
    this.running = true;
    const lanes = Number(process.env.DELIVERY_LANES ?? 4);
    this.lanes = Array.from({ length: lanes }, () => this.lane());
  }

  /** Stops claiming; the deliveries in flight finish and commit first. */
  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    await Promise.all(this.lanes);
  }

  private async lane(): Promise<void> {
    while (this.running) {
      try {
        const worked = await this.deliveries.withNextDue(this.clients.ids(), (delivery, tx) => this.deliverInSpan(delivery, tx));
        if (!worked) await sleep(Number(process.env.DELIVERY_POLL_MS ?? 100));
      } catch (error) {
        this.logger.error({ error: (error as Error).message }, 'delivery lane failed; retrying');
        await sleep(1_000);
      }
    }
  }

  /** A span of the trace of the event the delivery came from, which the ITSM receives as `traceparent`. */
  private deliverInSpan(delivery: DeliveryRow, tx: Queryable): Promise<true> {
    const attributes = { 'bridge.subject': `${delivery.client_id}:${delivery.external_source_id}`, 'bridge.delivery.id': String(delivery.id), 'bridge.attempt': delivery.attempts + 1 };
    return inSpan(`deliver ${delivery.kind}`, { kind: SpanKind.CLIENT, attributes, parent: contextOf(delivery.trace_context ?? {}) }, () => this.deliver(delivery, tx));
  }

  private async deliver(delivery: DeliveryRow, tx: Queryable): Promise<true> {
    const attempt = delivery.attempts + 1;
    const client = this.clients.get(delivery.client_id);
    // Claimed just as a reload took the client out of the file: left pending for its return (ADR 17).
    if (!client) return true;
    if (!client.outbound || !delivery.rendered) {
      await this.deliveries.park(tx, delivery.id, attempt, 'nothing rendered to send');
      return true;
    }
    // Claimed just before another lane's 410 or 429 was recorded: leave it pending; the claim skips it from now on.
    if (await this.endpoints.isHeld(client.id)) return true;
    const adapter = outboundAdapterFor(client)!;
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
        await this.askAgainLater(tx, delivery, attempt, error);
        return true;
      }
      if (applied) {
        const attemptId = await this.deliveries.startAttempt(delivery.id, attempt);
        await this.deliveries.finishAttempt(tx, attemptId, 'delivered', undefined, 'found at the ITSM after an earlier attempt; not sent again', 0);
        await this.deliveries.markDelivered(tx, delivery.id, attempt);
        this.logger.info({ deliveryId: delivery.id }, 'delivery found at the ITSM after an earlier attempt');
        return true;
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
      response = `no answer: ${(error as { code?: string }).code ?? (error as Error).message}`;
      // A failure that says it will not pass by itself (a login the ITSM refuses) parks at once, like a 4xx.
      refused = (error as { retriable?: boolean }).retriable === false;
    }
    const duration = Date.now() - started;
    const where = { subject: `${delivery.client_id}:${delivery.external_source_id}`, deliveryId: delivery.id, kind: delivery.kind, attempt, status };
    if (status !== undefined && status >= 200 && status < 300) {
      await this.deliveries.finishAttempt(tx, attemptId, 'delivered', status, response, duration);
      await this.deliveries.markDelivered(tx, delivery.id, attempt);
      if (created) await this.deliveries.recordCreated(tx, delivery, created);
      this.metrics.deliveries.inc({ client: delivery.client_id, outcome: 'delivered' });
      this.logger.info(where, 'delivered');
      return true;
    }
    // Standard Webhooks' 410: the receiver is gone. ITSM APIs answer a missing record with 404, so a 410 from one
    // is read the same way: the endpoint, not the record.
    if (saysEndpointGone(status)) {
      const reason = `endpoint answered 410 Gone at ${new Date().toISOString()}; nothing more is sent to client ${client.id} until an operator re-enables it (POST /admin/endpoints/${client.id}/enable)`;
      // In the delivery's own transaction: a re-enable sees the endpoint disabled and this delivery parked, or neither.
      await this.deliveries.finishAttempt(tx, attemptId, 'parked', status, response, duration);
      await this.deliveries.park(tx, delivery.id, attempt, reason, ENDPOINT_GONE);
      await this.endpoints.disable(client.id, reason, tx);
      this.metrics.deliveries.inc({ client: delivery.client_id, outcome: 'parked' });
      this.logger.error({ ...where, error: reason }, 'endpoint gone: deliveries to the client are held');
      return true;
    }
    const error = status === undefined ? response : `HTTP ${status}: ${response}`;
    const delay = (status === undefined ? !refused : isRetriableStatus(status)) ? nextDelayMs(attempt, retryAfterMs) : undefined;
    await this.deliveries.finishAttempt(tx, attemptId, delay === undefined ? 'parked' : 'retry', status, response, duration);
    await this.retryOrPark(tx, delivery, { attempt, delay, error, status, retryAfterMs }, 'delivery failed; will retry');
    return true;
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
  private async askAgainLater(tx: Queryable, delivery: DeliveryRow, attempt: number, failure: unknown): Promise<void> {
    const answer = failure instanceof UndecidedCheck ? failure.answer : undefined;
    const retryAfterMs = retryAfterMsOf(answer?.retryAfter);
    const error = `could not tell whether an earlier attempt reached the ITSM: ${answer ? `HTTP ${answer.status}: ${answer.body}` : `no answer: ${(failure as { code?: string }).code ?? (failure as Error).message}`}`;
    const delay = nextDelayMs(attempt, retryAfterMs);
    await this.retryOrPark(tx, delivery, { attempt, delay, error, status: answer?.status, retryAfterMs }, 'could not tell whether an earlier attempt arrived; will ask again');
  }

  /** After an attempt that did not deliver: the endpoint paused if it asked, then the next try scheduled, or parked. */
  private async retryOrPark(
    tx: Queryable,
    delivery: DeliveryRow,
    outcome: { attempt: number; delay: number | undefined; error: string; status: number | undefined; retryAfterMs: number | undefined },
    retryMessage: string,
  ): Promise<void> {
    const { attempt, delay, error, status, retryAfterMs } = outcome;
    const where = { subject: `${delivery.client_id}:${delivery.external_source_id}`, deliveryId: delivery.id, kind: delivery.kind, attempt, status };
    const pause = endpointPauseMs(status, retryAfterMs);
    if (pause !== undefined) {
      await this.endpoints.slowDown(delivery.client_id, pause);
      this.logger.warn({ ...where, pauseMs: pause }, 'endpoint asked to slow down; its deliveries wait');
    }
    if (delay === undefined) {
      await this.deliveries.park(tx, delivery.id, attempt, error);
      this.metrics.deliveries.inc({ client: delivery.client_id, outcome: 'parked' });
      this.logger.error({ ...where, error }, 'delivery parked');
    } else {
      await this.deliveries.scheduleRetry(tx, delivery.id, attempt, delay, error);
      this.metrics.deliveries.inc({ client: delivery.client_id, outcome: 'retry' });
      this.logger.warn({ ...where, error, retryInMs: delay }, retryMessage);
    }
  }
}
