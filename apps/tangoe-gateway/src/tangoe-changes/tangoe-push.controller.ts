import { Controller, HttpCode, HttpStatus, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { EventEnvelope } from '@bridge/contracts';
import { ClientDirectory, resolveSecret } from '@bridge/clients-config';
import type { Database } from '@bridge/persistence';
import { CLIENTS, DATABASE, LOGGER, SETTINGS, ServiceSettings, readAuthenticatedJson, refuse } from '@bridge/platform';
import type { Logger } from 'pino';
import { activityEventOf } from './activity-changes';
import { ObserveTangoeChangesUseCase, TangoeWaysIn } from './observe-tangoe-changes.use-case';
import { parseTangoeActivityPush } from './tangoe-activity-push';
import { parseTangoePush, pushedBaseline, pushedRequest } from './tangoe-push';

/**
 * Tangoe's pushes for one client, at the gateway, Tangoe's one door (docs/adr/0022). They are observed like the
 * poll's reading of the same changes: the client's own changes coming back are dropped, the rest published with the
 * ids the poll gives them. Kafka's acknowledgement comes before the 202; without it the answer is 503 with
 * Retry-After. Tangoe's documents promise no retry of a push (the sandbox pushes once): a support request's change
 * a push lost is read by the next poll; an activity's, by the activity poll or the report folder when the client
 * has one.
 */
@Controller('v1/clients/:clientId/tangoe')
export class TangoePushController {
  constructor(
    @Inject(CLIENTS) private readonly clients: ClientDirectory,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(SETTINGS) private readonly settings: ServiceSettings,
    @Inject(DATABASE) private readonly database: Database,
    private readonly observe: ObserveTangoeChangesUseCase,
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

    const { published } = await this.publishedOrRetryLater(response, clientId, () =>
      this.database.transaction(async (tx) => {
        // A ticket the gateway has no notes on (not linked here) still gets the changes the push stands for.
        const events = await this.observe.supportRequest(tx, client.id, pushedRequest(push), TangoeWaysIn.push, pushedBaseline(push));
        return { published: events === 'unlinked' ? [] : events };
      }),
    );
    if (published.length === 0) return { status: 'ignored', reason: 'nothing new for the client' };
    return { status: 'accepted', events: published.map((event) => ({ id: event.id, type: event.type })) };
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
      event = activityEventOf(activity, client.id, TangoeWaysIn.push);
    } catch (error) {
      throw refuse(HttpStatus.UNPROCESSABLE_ENTITY, 'invalid_payload', `activity push is invalid: ${(error as Error).message}`);
    }
    if (!event) throw refuse(HttpStatus.UNPROCESSABLE_ENTITY, 'invalid_payload', `activity ${activity.id} is in no state the bridge knows`);
    const outcome = await this.publishedOrRetryLater(response, clientId, () => this.database.transaction((tx) => this.observe.activities(tx, client.id, [event])));
    return { status: 'accepted', events: outcome.published.map((e) => ({ id: e.id, type: e.type })), duplicates: outcome.duplicates };
  }

  /** What `observe` published, or a 503 with Retry-After when Kafka did not acknowledge it, so Tangoe pushes again. */
  private async publishedOrRetryLater<T extends { published: EventEnvelope[] }>(response: Response, clientId: string, observe: () => Promise<T>): Promise<T> {
    try {
      const outcome = await observe();
      this.logger.info({ clientId, published: outcome.published.map((event) => event.type) }, 'Tangoe push accepted');
      return outcome;
    } catch (error) {
      this.logger.error({ clientId, error: (error as Error).message }, 'events not acknowledged; answered 503 (the next poll reads the change)');
      response.setHeader('Retry-After', '5');
      throw refuse(HttpStatus.SERVICE_UNAVAILABLE, 'unavailable', 'the events could not be stored; retry later');
    }
  }
}
