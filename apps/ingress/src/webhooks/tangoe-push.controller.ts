import { Controller, HttpCode, HttpStatus, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { EventTypes } from '@bridge/contracts';
import { ClientDirectory, resolveSecret } from '@bridge/clients-config';
import { BodyTooLargeError, CLIENTS, LOGGER, readRawBody } from '@bridge/platform';
import { parseTangoePush, pushedChanges } from '@bridge/tangoe-client';
import { verifyInbound } from '@bridge/webhook-security';
import type { Logger } from 'pino';
import { PublishInboundEventsUseCase } from '../publishing/publish-inbound-events.use-case';
import { MAX_WEBHOOK_BYTES } from './client-webhook.controller';
import { refuse } from './webhook-errors';

/**
 * `POST /v1/clients/{clientId}/tangoe/webhooks`: Tangoe's own pushes for one client, signed with that client's
 * push secret. They become Tangoe-side events with the same ids the gateway's poll gives the same changes.
 */
@Controller('v1/clients/:clientId/tangoe')
export class TangoePushController {
  constructor(
    @Inject(CLIENTS) private readonly clients: ClientDirectory,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly publish: PublishInboundEventsUseCase,
  ) {}

  @Post('webhooks')
  @HttpCode(HttpStatus.ACCEPTED)
  async receive(@Param('clientId') clientId: string, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const client = this.clients.get(clientId);
    if (!client) throw refuse(HttpStatus.NOT_FOUND, 'unknown_client', `no client "${clientId}" is configured`);
    if (!client.tangoe.push) throw refuse(HttpStatus.NOT_FOUND, 'unknown_endpoint', `client "${clientId}" takes no Tangoe pushes`);
    if (!/^application\/(.+\+)?json\b/i.test(request.headers['content-type'] ?? '')) throw refuse(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'unsupported_media_type', 'Content-Type must be application/json');
    let rawBody: Buffer;
    try {
      rawBody = await readRawBody(request, MAX_WEBHOOK_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLargeError) throw refuse(HttpStatus.PAYLOAD_TOO_LARGE, 'payload_too_large', error.message);
      throw refuse(HttpStatus.BAD_REQUEST, 'unreadable_body', 'the body could not be read');
    }
    const auth = verifyInbound({ type: 'hmac', header: 'X-Tangoe-Signature', secret: resolveSecret(client.tangoe.push.secret, client.id, 'tangoe.push.secret') }, request.headers, rawBody);
    if (!auth.ok) throw refuse(HttpStatus.UNAUTHORIZED, 'unauthorized', auth.reason);
    let payload: unknown;
    try {
      payload = JSON.parse(rawBody.toString('utf8'));
    } catch (error) {
      throw refuse(HttpStatus.BAD_REQUEST, 'malformed_json', `the body is not JSON: ${(error as Error).message}`);
    }
    const { push, problems } = parseTangoePush(payload);
    if (!push) throw refuse(HttpStatus.UNPROCESSABLE_ENTITY, 'invalid_payload', `push is invalid: ${problems.join('; ')}`, { fields: problems });

    const events = [];
    for (const event of pushedChanges(push, client.id, 'bridge/ingress/tangoe')) {
      if (event.type === EventTypes.CommentAdded && (await this.publish.isEchoOfClientComment(event.subject, event.data.text))) {
        this.logger.info({ subject: event.subject }, 'pushed interaction is a client comment the bridge sent; dropped');
        continue;
      }
      events.push(event);
    }
    if (events.length === 0) return { status: 'ignored', reason: 'nothing new for the client' };
    try {
      const outcome = await this.publish.execute(events);
      return { status: 'accepted', events: outcome.published.map((e) => ({ id: e.id, type: e.type })), duplicates: outcome.duplicates };
    } catch (error) {
      this.logger.error({ clientId, error: (error as Error).message }, 'pushed events not acknowledged; Tangoe will retry');
      response.setHeader('Retry-After', '5');
      throw refuse(HttpStatus.SERVICE_UNAVAILABLE, 'unavailable', 'the events could not be stored; retry later');
    }
  }
}
