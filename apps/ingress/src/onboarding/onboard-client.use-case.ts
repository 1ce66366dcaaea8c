import { Inject, Injectable } from '@nestjs/common';
import type { ClientConfig } from '@bridge/clients-config';
import { EventEnvelope, EventTypes, OnboardedTicket, OnboardingReading } from '@bridge/contracts';
import type { ReadHttp } from '@bridge/itsm-adapters';
import { LOGGER } from '@bridge/platform';
import type { Logger } from 'pino';
import { PublishInboundEventsUseCase } from '../publishing/publish-inbound-events.use-case';
import { lookedUpFirst } from '../publishing/tickets-from-before';
import { walkRoutedRecords } from '../reconciliation/record-walk';

/**
 * Onboarding (`bridge onboard`): the tickets open at the client's ITSM that its routing takes, listed through the
 * ITSM's API from `since` (the beginning, by default) and published as a webhook's events would be, oldest change
 * first. The publish drops what was published before (a second onboarding publishes nothing) and marks the
 * tickets opened before the bridge served the client, so the gateway links the ones Tangoe already has. A ticket
 * already ended on the client's side is left out. A dry run publishes nothing. Given `tickets`, only those are
 * published, each looked up at Tangoe before it is created whenever it was opened: they are the ones a drift report
 * found the bridge had missed, and someone else may have made their requests.
 */
@Injectable()
export class OnboardClientUseCase {
  constructor(
    private readonly publish: PublishInboundEventsUseCase,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(client: ClientConfig, http: ReadHttp, options: { since: Date; dryRun: boolean; pageSize: number; tickets?: ReadonlySet<string> }): Promise<OnboardingReading> {
    const tickets: OnboardedTicket[] = [];
    const walked = await walkRoutedRecords(client, http, options.since, options.pageSize, this.logger, async ({ read, events, adapter }) => {
      if (!adapter.isOpenRead(read, client)) return;
      const opened = events.find((event): event is EventEnvelope<'TicketOpened'> => event.type === EventTypes.TicketOpened);
      if (!opened) return;
      if (options.tickets && !options.tickets.has(opened.data.externalSourceId)) return;
      const toPublish = options.tickets ? events.map((event) => (event === opened ? lookedUpFirst(opened) : event)) : events;
      const known = options.dryRun ? await this.publish.wasPublished(opened.id) : (await this.publish.execute(toPublish)).published.every((event) => event.id !== opened.id);
      tickets.push({
        externalSourceId: opened.data.externalSourceId,
        title: opened.data.title,
        openedAt: opened.data.openedAt,
        comments: events.filter((event) => event.type === EventTypes.CommentAdded).length,
        bridge: known ? 'known' : 'new',
      });
    });
    const outcome = { clientId: client.id, dryRun: options.dryRun, since: options.since.toISOString(), recordsRead: walked.recordsRead, tickets };
    this.logger.info({ clientId: client.id, dryRun: options.dryRun, open: tickets.length, new: tickets.filter((ticket) => ticket.bridge === 'new').length }, 'onboarding read the ITSM');
    return outcome;
  }
}
