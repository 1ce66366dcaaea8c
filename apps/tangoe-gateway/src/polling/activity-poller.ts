import { Inject, Injectable } from '@nestjs/common';
import type { EventEnvelope, TopicNames } from '@bridge/contracts';
import type { ClientConfig } from '@bridge/clients-config';
import { MessageBus, publishEvents } from '@bridge/messaging';
import type { Queryable } from '@bridge/persistence';
import { BUS, SETTINGS, ServiceSettings, TOPICS } from '@bridge/platform';
import { activityEventOf, walkUpdatedSince } from '@bridge/tangoe-client';
import { TangoeClients } from '../tangoe/tangoe-clients';
import { StreamPoller } from './stream-poller';

/**
 * Seed 001 option 1: activities updated after the cursor, page by page, each as its state's event. The ids are
 * the ones a push or a report row gives the same change, so however the bridge learns of it, it is one event.
 */
@Injectable()
export class ActivityPoller implements StreamPoller {
  readonly stream = 'activities';

  constructor(
    @Inject(BUS) private readonly bus: MessageBus,
    @Inject(TOPICS) private readonly topics: TopicNames,
    private readonly tangoe: TangoeClients,
    @Inject(SETTINGS) private readonly settings: ServiceSettings,
  ) {}

  polls(client: ClientConfig): boolean {
    return client.activities !== undefined && client.activities.poll !== false;
  }

  /**
   * From the moment the client is first polled: a company's years of finished orders are history, not changes,
   * and replaying them would rewrite old records in its ITSM.
   */
  initialCursor(now: Date): string {
    return now.toISOString();
  }

  async poll(_tx: Queryable, clientId: string, updatedAfter: string | null): Promise<string | null> {
    const client = this.tangoe.for(clientId);
    return walkUpdatedSince(
      updatedAfter,
      (filter, page) => client.listActivities({ ...filter, order: 'updated_at asc', page, perPage: this.settings.POLL_PAGE_SIZE }),
      async (activities) => {
        const events = activities.map((activity) => activityEventOf(activity, clientId, 'bridge/tangoe-gateway/poll')).filter((event): event is EventEnvelope<'StateChanged'> => event !== undefined);
        if (events.length > 0) await publishEvents(this.bus, this.topics, events);
      },
    );
  }
}
