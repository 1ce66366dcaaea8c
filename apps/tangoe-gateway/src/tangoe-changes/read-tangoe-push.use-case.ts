import { Inject, Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@bridge/contracts';
import type { Database } from '@bridge/persistence';
import { DATABASE } from '@bridge/platform';
import { parseTangoeActivityPush, parseTangoePush } from '@bridge/tangoe-client';
import { GatewayError } from '../gateway.error';
import { activityEventOf } from './activity-changes';
import { ObserveTangoeChangesUseCase, TangoeWaysIn } from './observe-tangoe-changes.use-case';
import { pushedBaseline, pushedRequest } from './pushed-request';

/**
 * Reads a push the ingress received from Tangoe (a `TangoePushReceived` record) as the poll's reading of the same
 * changes is read: through the one observing use case, so the client's own changes coming back are dropped and the
 * rest published with the ids the poll gives them (docs/adr/0023). The ingress checked the push's shape; it is read
 * again here, where its meaning is, and what still makes no change the bridge knows is parked, not retried.
 */
@Injectable()
export class ReadTangoePushUseCase {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    private readonly observe: ObserveTangoeChangesUseCase,
  ) {}

  /** The events the push published: none when it was all the client's own, or already published. */
  async read(record: EventEnvelope<'TangoePushReceived'>): Promise<EventEnvelope[]> {
    const { clientId, kind, body } = record.data;
    if (kind === 'activity') {
      const { activity, problems } = parseTangoeActivityPush(body);
      if (!activity) throw unreadable(record, problems.join('; '));
      let event;
      try {
        event = activityEventOf(activity, clientId, TangoeWaysIn.push);
      } catch (error) {
        throw unreadable(record, (error as Error).message);
      }
      if (!event) throw unreadable(record, `activity ${activity.id} is in no state the bridge knows`);
      const change = event;
      return (await this.database.transaction((tx) => this.observe.activities(tx, clientId, [change]))).published;
    }
    const { push, problems } = parseTangoePush(body);
    if (!push) throw unreadable(record, problems.join('; '));
    return this.database.transaction(async (tx) => {
      // A ticket the gateway has no notes on (not linked here) still gets the changes the push stands for.
      const events = await this.observe.supportRequest(tx, clientId, pushedRequest(push), TangoeWaysIn.push, pushedBaseline(push));
      return events === 'unlinked' ? [] : events;
    });
  }
}

function unreadable(record: EventEnvelope<'TangoePushReceived'>, why: string): GatewayError {
  return new GatewayError('unreadable_push', `Tangoe push ${record.id} (${record.subject}) makes no change the bridge can read: ${why}`);
}
