import { Inject, Injectable } from '@nestjs/common';
import type { ClientConfig } from '@bridge/clients-config';
import type { ReadHttp } from '@bridge/itsm-adapters';
import { LOGGER } from '@bridge/platform';
import type { Logger } from 'pino';
import { PublishInboundEventsUseCase } from '../publishing/publish-inbound-events.use-case';
import { WalkOutcome, walkRoutedRecords } from './record-walk';

export interface ReconcileOutcome extends WalkOutcome {
  changesFound: number;
}

/**
 * One reconciliation of one client: every record its ITSM changed since `since`, read through the ITSM's API with
 * its comments, made into events by the same adapter and pipeline as a webhook, and published by the same use case,
 * which drops what was published before (same ids). What a webhook already said is found again and publishes
 * nothing; what a lost webhook would have said is published now.
 */
@Injectable()
export class ReconcileClientUseCase {
  constructor(
    private readonly publish: PublishInboundEventsUseCase,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(client: ClientConfig, http: ReadHttp, since: Date, pageSize: number, onPage: () => Promise<void> = async () => undefined): Promise<ReconcileOutcome> {
    let changesFound = 0;
    const walked = await walkRoutedRecords(
      client,
      http,
      since,
      pageSize,
      this.logger,
      async ({ events }) => {
        const published = await this.publish.execute(events);
        changesFound += published.published.length;
        if (published.published.length > 0) this.logger.info({ clientId: client.id, subject: events[0].subject, published: published.published.map((event) => event.type) }, 'reconciliation found what no webhook said');
      },
      onPage,
    );
    return { ...walked, changesFound };
  }
}
