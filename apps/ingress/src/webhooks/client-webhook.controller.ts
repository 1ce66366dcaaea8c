import { Controller, HttpCode, HttpStatus, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ClientConfig, ClientDirectory, resolveInboundCredentials } from '@bridge/clients-config';
import { EventEnvelope, EventTypes, EventValidationError } from '@bridge/contracts';
import { InboundPayloadError, ItsmAdapter, NormalizeResult, ReadFailed, adapterFor, readWebhookBody } from '@bridge/itsm-adapters';
import { ReadBudgetSpent } from '../reconciliation/itsm-read-http';
import { ReadBack } from '../reconciliation/read-back';
import { CLIENTS, LOGGER, SETTINGS, ServiceSettings } from '@bridge/platform';
import type { Logger } from 'pino';
import { PublishInboundEventsUseCase } from '../publishing/publish-inbound-events.use-case';
import { InboundRateLimit } from './inbound-rate-limit';
import { refuse } from './webhook-errors';
import { publishOrRetryLater, readAuthenticatedJson } from './webhook-request';

/**
 * `POST /v1/clients/{clientId}/webhooks/{itsm}`: a client's ITSM webhook. 2xx only once Kafka acknowledged, so the
 * ITSM retries otherwise.
 */
@Controller('v1/clients/:clientId/webhooks')
export class ClientWebhookController {
  constructor(
    @Inject(CLIENTS) private readonly clients: ClientDirectory,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(SETTINGS) private readonly settings: ServiceSettings,
    private readonly publish: PublishInboundEventsUseCase,
    private readonly readBack: ReadBack,
    private readonly rateLimit: InboundRateLimit,
  ) {}

  @Post(':itsm')
  @HttpCode(HttpStatus.ACCEPTED)
  async receive(@Param('clientId') clientId: string, @Param('itsm') itsm: string, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const client = this.clients.get(clientId);
    if (!client) throw refuse(HttpStatus.NOT_FOUND, 'unknown_client', `no client "${clientId}" is configured`);
    const adapter = client.itsm === itsm ? adapterFor(itsm) : undefined;
    if (!adapter) throw refuse(HttpStatus.NOT_FOUND, 'unknown_endpoint', `client "${clientId}" has no ${itsm} webhook endpoint`);
    if (client.inbound.webhooks === false) throw refuse(HttpStatus.NOT_FOUND, 'webhooks_off', `client "${clientId}" takes no webhooks (inbound.webhooks: false): its ITSM is read by reconciliation`);
    const payload = await readAuthenticatedJson(request, resolveInboundCredentials(client), this.settings.MAX_WEBHOOK_BYTES, (text) => readWebhookBody(adapter.dialect, text));
    const retryAfter = await this.rateLimit.retryAfterSeconds(client);
    if (retryAfter !== undefined) {
      response.setHeader('Retry-After', String(retryAfter));
      throw refuse(HttpStatus.TOO_MANY_REQUESTS, 'rate_limited', `client "${clientId}" sent more webhooks this second than it may (inbound.requestsPerSecond); retry after ${retryAfter} s`);
    }

    let result;
    try {
      result = adapter.normalize(payload, { client, receivedAt: new Date(), deliveryId: deliveryIdOf(request, adapter.dialect.deliveryIdHeader) });
    } catch (error) {
      if (error instanceof InboundPayloadError) throw refuse(HttpStatus.UNPROCESSABLE_ENTITY, 'invalid_payload', error.message, { fields: error.fields });
      // The payload read, but what it says makes no valid event (a title or an id longer than events allow): the
      // same webhook would fail the same way on every retry, so it is refused rather than answered 503.
      if (error instanceof EventValidationError) throw refuse(HttpStatus.UNPROCESSABLE_ENTITY, 'invalid_payload', error.message);
      this.logger.error({ clientId, itsm, error: (error as Error).message }, 'webhook could not be mapped');
      throw refuse(HttpStatus.SERVICE_UNAVAILABLE, 'mapping_failed', `the client's mapping failed: ${(error as Error).message}`);
    }
    if (result.kind === 'ignored') return { status: 'ignored', reason: result.reason };
    const events = this.readBack.readsFor(client) ? await this.readRecord(client, adapter, result, response) : result.events;
    return publishOrRetryLater(this.publish, events, response, this.logger, clientId);
  }

  /**
   * The doorbell read (`ReadBack`). An ITSM that cannot answer now (5xx, 429, no answer) gets 503: a vendor that
   * retries sends the webhook again, and the next reconciliation reads the change in order anyway. A read that
   * cannot work at all (401, 403, 404: a configuration to fix, logged) or a spent read budget leaves the webhook's
   * own events to publish, as without reconciliation.
   */
  private async readRecord(client: ClientConfig, adapter: ItsmAdapter, result: Extract<NormalizeResult, { kind: 'events' }>, response: Response): Promise<EventEnvelope[]> {
    try {
      return await this.readBack.events(client, adapter, result, new Date());
    } catch (error) {
      // A close only this webhook tells (an API that does not say who closed) would be lost with a 503: it goes now.
      const onlyTheWebhookTells = !adapter.dialect.readsStatusSetter && result.events.some((event) => event.type === EventTypes.StateChanged);
      if (error instanceof ReadFailed && error.retriable && !onlyTheWebhookTells) {
        this.logger.warn({ clientId: client.id, record: result.record.key, error: error.message }, 'the record could not be read now; the ITSM may retry, reconciliation will read it');
        response.setHeader('Retry-After', '5');
        throw refuse(HttpStatus.SERVICE_UNAVAILABLE, 'itsm_unavailable', `the record could not be read from the ITSM now (${error.message}); retry later`);
      }
      if (!(error instanceof ReadFailed) && !(error instanceof ReadBudgetSpent)) throw error;
      this.logger.warn({ clientId: client.id, record: result.record.key, error: error.message }, "the record was not read; publishing the webhook's own events");
      return result.events;
    }
  }
}

/** The vendor's id of this delivery, the same on its retries (Jira's `X-Atlassian-Webhook-Identifier`), if it sends one. */
function deliveryIdOf(request: Request, header: string | undefined): string | undefined {
  const value = header ? request.headers[header.toLowerCase()] : undefined;
  const id = Array.isArray(value) ? value[0] : value;
  return id && id.length <= 200 ? id : undefined;
}
