import { Inject, Injectable } from '@nestjs/common';
import type { ClientConfig } from '@bridge/clients-config';
import { EventValidationError } from '@bridge/contracts';
import { InboundPayloadError, ReadHttp, adapterFor } from '@bridge/itsm-adapters';
import { LOGGER } from '@bridge/platform';
import type { Logger } from 'pino';
import { PublishInboundEventsUseCase } from '../publishing/publish-inbound-events.use-case';

export interface ReconcileOutcome {
  recordsRead: number;
  changesFound: number;
  /** The newest change read, by the ITSM's clock: the next run's watermark. */
  newestChange?: Date;
}

/**
 * One reconciliation of one client: every record its ITSM changed since `since`, read through the ITSM's API with
 * its comments, made into events by the same adapter and pipeline as a webhook, and published by the same use case,
 * which drops what was published before (same ids). What a webhook already said is found again and publishes
 * nothing; what a lost webhook would have said is published now. A record the mapping cannot read is logged and
 * passed over, as its webhook would have been refused.
 */
@Injectable()
export class ReconcileClientUseCase {
  constructor(
    private readonly publish: PublishInboundEventsUseCase,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(client: ClientConfig, http: ReadHttp, since: Date, pageSize: number, onPage: () => Promise<void> = async () => undefined): Promise<ReconcileOutcome> {
    const adapter = adapterFor(client.itsm);
    if (!adapter) throw new Error(`no adapter for ${client.itsm}`);
    const outcome: ReconcileOutcome = { recordsRead: 0, changesFound: 0 };
    let cursor: string | undefined;
    do {
      const page = await adapter.reader.changedSince(http, client, since, cursor, pageSize);
      for (const read of page.records) {
        outcome.recordsRead += 1;
        let result;
        try {
          result = adapter.normalizeRead(read, { client, receivedAt: new Date() });
        } catch (error) {
          if (!(error instanceof InboundPayloadError) && !(error instanceof EventValidationError)) throw error;
          this.logger.warn({ clientId: client.id, error: error.message }, 'reconciliation passed over a record its mapping cannot read');
          continue;
        }
        if (result.kind !== 'events') continue;
        const published = await this.publish.execute(result.events);
        outcome.changesFound += published.published.length;
        if (published.published.length > 0) this.logger.info({ clientId: client.id, subject: result.events[0].subject, published: published.published.map((event) => event.type) }, 'reconciliation found what no webhook said');
      }
      if (page.newestChange && (!outcome.newestChange || page.newestChange > outcome.newestChange)) outcome.newestChange = page.newestChange;
      cursor = page.cursor;
      await onPage();
    } while (cursor);
    return outcome;
  }
}
