import { Inject, Injectable } from '@nestjs/common';
import type { ClientConfig } from '@bridge/clients-config';
import { EventEnvelope, EventTypes } from '@bridge/contracts';
import type { ClientEndState, ItsmSide, ItsmTicket } from '@bridge/drift';
import type { ReadHttp } from '@bridge/itsm-adapters';
import { LOGGER } from '@bridge/platform';
import type { Logger } from 'pino';
import { PublishInboundEventsUseCase } from '../publishing/publish-inbound-events.use-case';
import { walkRoutedRecords } from '../reconciliation/record-walk';

const CLIENT_ENDS: ReadonlySet<string> = new Set<ClientEndState>(['resolved', 'closed', 'canceled']);

/**
 * The ITSM's side of a drift report: every ticket the client's routing takes that changed since `since`, read
 * through the ITSM's API with the same walk as reconciliation and onboarding (inside the client's read budget),
 * open or ended on the client's side, and whether the bridge ever published it. Reads only: nothing is published.
 */
@Injectable()
export class ItsmDriftSideUseCase {
  constructor(
    private readonly publish: PublishInboundEventsUseCase,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(client: ClientConfig, http: ReadHttp, options: { since: Date; pageSize: number; tickets?: ReadonlySet<string> }): Promise<ItsmSide> {
    // By key: a record changed during the walk is read again further on, and its later read is the one that counts.
    const tickets = new Map<string, ItsmTicket>();
    const walked = await walkRoutedRecords(client, http, options.since, options.pageSize, this.logger, async ({ read, events, adapter }) => {
      const opened = events.find((event): event is EventEnvelope<'TicketOpened'> => event.type === EventTypes.TicketOpened);
      if (!opened || (options.tickets && !options.tickets.has(opened.data.externalSourceId))) return;
      const status = adapter.statusOfRead(read, client);
      tickets.set(opened.data.externalSourceId, {
        externalSourceId: opened.data.externalSourceId,
        title: opened.data.title,
        status: status.value,
        statusChangeId: status.changeId,
        ...(status.endedAs && CLIENT_ENDS.has(status.endedAs) ? { endedAs: status.endedAs as ClientEndState } : {}),
        knownToBridge: await this.publish.wasPublished(opened.id),
      });
    });
    this.logger.info({ clientId: client.id, recordsRead: walked.recordsRead, tickets: tickets.size }, "drift report read the client's ITSM");
    return { clientId: client.id, since: options.since.toISOString(), recordsRead: walked.recordsRead, tickets: [...tickets.values()] };
  }
}
