import { Controller, HttpCode, HttpStatus, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { EventTypes, EventValidationError, createEvent, deterministicEventId } from '@bridge/contracts';
import { ClientDirectory, resolveSecret } from '@bridge/clients-config';
import { CLIENTS, LOGGER, SETTINGS, ServiceSettings } from '@bridge/platform';
import { parseTangoeActivityPush, parseTangoePush } from '@bridge/tangoe-client';
import type { Logger } from 'pino';
import { ForwardTangoePushesUseCase } from '../publishing/forward-tangoe-pushes.use-case';
import { refuse } from './webhook-errors';
import { publishOrRetryLater, readAuthenticatedJson } from './webhook-request';

/** The source of a push's record: Tangoe's door. */
const TANGOE_DOOR = 'bridge/ingress/tangoe';

/**
 * Tangoe's pushes for one client. The ingress is the bridge's one door, always up: it authenticates a push, checks
 * its shape and hands it on as Tangoe sent it (a `TangoePushReceived` record, keyed by its ticket or activity) to the
 * gateway, which reads every Tangoe change whatever its way in (docs/adr/0023). Kafka's acknowledgement comes before
 * the 202; without it the answer is 503 with Retry-After. Tangoe's documents promise no retry of a push (the sandbox
 * pushes once), so a push is never held on anything but Kafka: the gateway may be down, the push waits for it.
 */
@Controller('v1/clients/:clientId/tangoe')
export class TangoePushController {
  constructor(
    @Inject(CLIENTS) private readonly clients: ClientDirectory,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(SETTINGS) private readonly settings: ServiceSettings,
    private readonly forward: ForwardTangoePushesUseCase,
  ) {}

  /** `POST /v1/clients/{clientId}/tangoe/webhooks`: a support request's change, signed with the client's push secret. */
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
    const record = pushRecord(client.id, { kind: 'support_request', externalSourceId: push.support_request.external_source_id }, payload);
    return publishOrRetryLater(this.forward, [record], response, this.logger, clientId);
  }

  /**
   * `POST /v1/clients/{clientId}/tangoe/activities`: seed 001's option 3, Tangoe's workflow pushing an activity on
   * each of its states with the client's username and password.
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
    const record = pushRecord(client.id, { kind: 'activity', activityId: String(activity.id) }, payload);
    return publishOrRetryLater(this.forward, [record], response, this.logger, clientId);
  }
}

/**
 * The push as a record, its id from the body (the same body pushed twice is the same record). A push whose ticket or
 * activity id makes no key (control characters, too long) is refused with a 422 naming it.
 */
function pushRecord(clientId: string, subject: { kind: 'support_request'; externalSourceId: string } | { kind: 'activity'; activityId: string }, body: unknown) {
  const data = { clientId, ...subject, body: body as Record<string, unknown> };
  try {
    return createEvent(EventTypes.TangoePushReceived, data, { source: TANGOE_DOOR, id: deterministicEventId(clientId, 'tangoe-push', JSON.stringify(body)) });
  } catch (error) {
    if (!(error instanceof EventValidationError)) throw error;
    throw refuse(HttpStatus.UNPROCESSABLE_ENTITY, 'invalid_payload', `push is invalid: ${error.message}`, { fields: error.fields });
  }
}
