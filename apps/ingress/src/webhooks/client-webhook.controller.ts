import { Controller, HttpCode, HttpStatus, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ClientDirectory, resolveInboundCredentials } from '@bridge/clients-config';
import { InboundPayloadError, adapterFor } from '@bridge/itsm-adapters';
import { BodyTooLargeError, CLIENTS, LOGGER, readRawBody } from '@bridge/platform';
import { verifyInbound } from '@bridge/webhook-security';
import type { Logger } from 'pino';
import { PublishInboundEventsUseCase } from '../publishing/publish-inbound-events.use-case';
import { refuse } from './webhook-errors';

/** Webhooks are small JSON documents; anything near this size is a mistake or an attack. */
export const MAX_WEBHOOK_BYTES = Number(process.env.MAX_WEBHOOK_BYTES ?? 256 * 1024);

/**
 * `POST /v1/clients/{clientId}/webhooks/{itsm}`: a client's ITSM webhook. Checks run cheapest first and
 * authentication before the body is parsed; 2xx only once Kafka acknowledged, so the ITSM retries otherwise.
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
    if (!/^application\/(.+\+)?json\b/i.test(request.headers['content-type'] ?? '')) {
      throw refuse(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'unsupported_media_type', 'Content-Type must be application/json');
    }

    let rawBody: Buffer;
    try {
      rawBody = await readRawBody(request, MAX_WEBHOOK_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLargeError) throw refuse(HttpStatus.PAYLOAD_TOO_LARGE, 'payload_too_large', error.message);
      throw refuse(HttpStatus.BAD_REQUEST, 'unreadable_body', 'the body could not be read');
    }

    const auth = verifyInbound(resolveInboundCredentials(client), request.headers, rawBody);
    if (!auth.ok) throw refuse(HttpStatus.UNAUTHORIZED, 'unauthorized', auth.reason);

    let payload: unknown;
    try {
      payload = JSON.parse(rawBody.toString('utf8'));
    } catch (error) {
      throw refuse(HttpStatus.BAD_REQUEST, 'malformed_json', `the body is not JSON: ${(error as Error).message}`);
    }

    let result;
    try {
      result = adapter.normalize(payload, { client, receivedAt: new Date() });
    } catch (error) {
      if (error instanceof InboundPayloadError) throw refuse(HttpStatus.UNPROCESSABLE_ENTITY, 'invalid_payload', error.message, { fields: error.fields });
      this.logger.error({ clientId, itsm, error: (error as Error).message }, 'webhook could not be mapped');
      throw refuse(HttpStatus.SERVICE_UNAVAILABLE, 'mapping_failed', `the client's mapping failed: ${(error as Error).message}`);
    }
    if (result.kind === 'ignored') return { status: 'ignored', reason: result.reason };

    try {
      const outcome = await this.publish.execute(result.events);
      this.logger.info(
        { clientId, subject: result.events[0].subject, published: outcome.published.map((e) => e.type), duplicates: outcome.duplicates },
        'webhook accepted',
      );
      return { status: 'accepted', events: outcome.published.map((e) => ({ id: e.id, type: e.type })), duplicates: outcome.duplicates };
    } catch (error) {
      this.logger.error({ clientId, error: (error as Error).message }, 'events not acknowledged; the ITSM will retry');
      response.setHeader('Retry-After', '5');
      throw refuse(HttpStatus.SERVICE_UNAVAILABLE, 'unavailable', 'the events could not be stored; retry later');
    }
  }
}
