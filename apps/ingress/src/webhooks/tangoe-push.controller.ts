import { Controller, HttpCode, HttpStatus, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { EventEnvelope, EventTypes } from '@bridge/contracts';
import { ClientDirectory, resolveSecret } from '@bridge/clients-config';
import { CLIENTS, LOGGER, SETTINGS, ServiceSettings } from '@bridge/platform';
import { activityEventOf, parseTangoeActivityPush, parseTangoePush, pushedChanges } from '@bridge/tangoe-client';
import type { Logger } from 'pino';
import { PublishInboundEventsUseCase } from '../publishing/publish-inbound-events.use-case';
import { refuse } from './webhook-errors';
import { publishOrRetryLater, readAuthenticatedJson } from './webhook-request';

/**
 * `POST /v1/clients/{clientId}/tangoe/webhooks`: Tangoe's own pushes for one client, signed with that client's
 * push secret. They become Tangoe-side events with the same ids the gateway's poll gives the same changes.
 */
@Controller('v1/clients/:clientId/tangoe')
export class TangoePushController {
  constructor(
    @Inject(CLIENTS) private readonly clients: ClientDirectory,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(SETTINGS) private readonly settings: ServiceSettings,
    private readonly publish: PublishInboundEventsUseCase,
  ) {}

  @Post('webhooks')
  @HttpCode(HttpStatus.ACCEPTED)
  async receive(@Param('clientId') clientId: string, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const client = this.clients.get(clientId);
    if (!client) throw refuse(HttpStatus.NOT_FOUND, 'unknown_client', `no client "${clientId}" is configured`);
    if (!client.tangoe.push) throw refuse(HttpStatus.NOT_FOUND, 'unknown_endpoint', `client "${clientId}" takes no Tangoe pushes`);
    const secret = resolveSecret(client.tangoe.push.secret, client.id, 'tangoe.push.secret');
    const payload = await readAuthenticatedJson(request, { type: 'hmac', header: 'X-Tangoe-Signature', secret }, this.settings.MAX_WEBHOOK_BYTES);
    const { push, problems } = parseTangoePush(payload);
    if (!push) throw refuse(HttpStatus.UNPROCESSABLE_ENTITY, 'invalid_payload', `push is invalid: ${problems.join('; ')}`, { fields: problems });

    const events: EventEnvelope[] = [];
    for (const event of pushedChanges(push, client.id, 'bridge/ingress/tangoe')) {
      if (await this.publish.isEchoOfClientChange(event)) {
        this.logger.info({ subject: event.subject, type: event.type }, 'pushed change is the client\'s own, coming back; dropped');
        continue;
      }
      events.push(event);
    }
    if (events.length === 0) return { status: 'ignored', reason: 'nothing new for the client' };
    return publishOrRetryLater(this.publish, events, response, this.logger, clientId);
  }

  /**
   * `POST /v1/clients/{clientId}/tangoe/activities`: seed 001's option 3, Tangoe's workflow pushing an activity on
   * each of its states with the client's username and password. The event has the id a poll or a report row gives
   * the same change.
   */
  @Post('activities')
  @HttpCode(HttpStatus.ACCEPTED)
  async receiveActivity(@Param('clientId') clientId: string, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const client = this.clients.get(clientId);
    if (!client) throw refuse(HttpStatus.NOT_FOUND, 'unknown_client', `no client "${clientId}" is configured`);
    const push = client.activities?.push;
    if (!push) throw refuse(HttpStatus.NOT_FOUND, 'unknown_endpoint', `client "${clientId}" takes no activity pushes`);
    const password = resolveSecret(push.password, client.id, 'activities.push.password');
    const payload = await readAuthenticatedJson(request, { type: 'basic', username: push.username, password }, this.settings.MAX_WEBHOOK_BYTES);
    const { activity, problems } = parseTangoeActivityPush(payload);
    if (!activity) throw refuse(HttpStatus.UNPROCESSABLE_ENTITY, 'invalid_payload', `activity push is invalid: ${problems.join('; ')}`, { fields: problems });
    let event;
    try {
      event = activityEventOf(activity, client.id, 'bridge/ingress/tangoe');
    } catch (error) {
      throw refuse(HttpStatus.UNPROCESSABLE_ENTITY, 'invalid_payload', `activity push is invalid: ${(error as Error).message}`);
    }
    if (!event) throw refuse(HttpStatus.UNPROCESSABLE_ENTITY, 'invalid_payload', `activity ${activity.id} is in no state the bridge knows`);
    return publishOrRetryLater(this.publish, [event], response, this.logger, clientId);
  }
}
