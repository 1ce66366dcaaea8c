import { Controller, HttpCode, HttpStatus, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ClientDirectory, resolveInboundCredentials } from '@bridge/clients-config';
import { EventValidationError } from '@bridge/contracts';
import { InboundPayloadError, adapterFor, readWebhookBody } from '@bridge/itsm-adapters';
import { CLIENTS, LOGGER } from '@bridge/platform';
import type { Logger } from 'pino';
import { PublishInboundEventsUseCase } from '../publishing/publish-inbound-events.use-case';
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
    private readonly publish: PublishInboundEventsUseCase,
  ) {}

  @Post(':itsm')
  @HttpCode(HttpStatus.ACCEPTED)
  async receive(@Param('clientId') clientId: string, @Param('itsm') itsm: string, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const client = this.clients.get(clientId);
    if (!client) throw refuse(HttpStatus.NOT_FOUND, 'unknown_client', `no client "${clientId}" is configured`);
    const adapter = client.itsm === itsm ? adapterFor(itsm) : undefined;
    if (!adapter) throw refuse(HttpStatus.NOT_FOUND, 'unknown_endpoint', `client "${clientId}" has no ${itsm} webhook endpoint`);
    if (client.inbound.webhooks === false) throw refuse(HttpStatus.NOT_FOUND, 'webhooks_off', `client "${clientId}" takes no webhooks (inbound.webhooks: false): its ITSM is read by reconciliation`);
    const payload = await readAuthenticatedJson(request, resolveInboundCredentials(client), (text) => readWebhookBody(adapter.dialect, text));

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
    return publishOrRetryLater(this.publish, result.events, response, this.logger, clientId);
  }
}

/** The vendor's id of this delivery, the same on its retries (Jira's `X-Atlassian-Webhook-Identifier`), if it sends one. */
function deliveryIdOf(request: Request, header: string | undefined): string | undefined {
  const value = header ? request.headers[header.toLowerCase()] : undefined;
  const id = Array.isArray(value) ? value[0] : value;
  return id && id.length <= 200 ? id : undefined;
}
