import { Inject, Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@bridge/contracts';
import type { ClientConfig } from '@bridge/clients-config';
import type { Queryable } from '@bridge/persistence';
import { SETTINGS, ServiceSettings } from '@bridge/platform';
import { walkUpdatedSince } from '@bridge/tangoe-client';
import { ObserveTangoeChangesUseCase, TangoeWaysIn, activityEventOf } from '../tangoe-changes';
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
    private readonly tangoe: TangoeClients,
    @Inject(SETTINGS) private readonly settings: ServiceSettings,
    private readonly observe: ObserveTangoeChangesUseCase,
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

  async poll(tx: Queryable, clientId: string, updatedAfter: string | null): Promise<string | null> {
    const client = this.tangoe.for(clientId);
    return walkUpdatedSince(
      updatedAfter,
      (filter, page) => client.listActivities({ ...filter, order: 'updated_at asc', page, perPage: this.settings.POLL_PAGE_SIZE }),
      async (activities) => {
        const events = activities.map((activity) => activityEventOf(activity, clientId, TangoeWaysIn.poll)).filter((event): event is EventEnvelope<'StateChanged'> => event !== undefined);
        await this.observe.activities(tx, clientId, events);
      },
    );
  }
}
