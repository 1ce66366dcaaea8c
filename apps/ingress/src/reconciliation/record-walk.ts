import type { ClientConfig } from '@bridge/clients-config';
import { EventEnvelope, EventValidationError } from '@bridge/contracts';
import { InboundPayloadError, ItsmAdapter, ReadHttp, RecordRead, adapterFor } from '@bridge/itsm-adapters';
import type { Logger } from 'pino';

export interface WalkOutcome {
  recordsRead: number;
  /** The newest change read, by the ITSM's clock. */
  newestChange?: Date;
}

/** A record the walk read that the client's routing takes, with the events the adapter made of it. */
export interface RoutedRead {
  read: RecordRead;
  events: EventEnvelope[];
  adapter: ItsmAdapter;
}

/**
 * Every record the client's ITSM changed since `since`, read a page at a time through the ITSM's API and made into
 * events by the client's adapter, as a webhook would be: what reconciliation and onboarding both walk. A record the
 * mapping cannot read is logged and passed over, as its webhook would have been refused; one the routing or the echo
 * rules leave out is passed over in silence. `onPage` runs after each page (a reconciliation renews its lease).
 */
export async function walkRoutedRecords(
  client: ClientConfig,
  http: ReadHttp,
  since: Date,
  pageSize: number,
  logger: Logger,
  visit: (routed: RoutedRead) => Promise<void>,
  onPage: () => Promise<void> = async () => undefined,
): Promise<WalkOutcome> {
  const adapter = adapterFor(client.itsm);
  if (!adapter) throw new Error(`no adapter for ${client.itsm}`);
  const outcome: WalkOutcome = { recordsRead: 0 };
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
        logger.warn({ clientId: client.id, error: error.message }, 'a record read from the ITSM was passed over: its mapping cannot read it');
        continue;
      }
      if (result.kind === 'events') await visit({ read, events: result.events, adapter });
    }
    if (page.newestChange && (!outcome.newestChange || page.newestChange > outcome.newestChange)) outcome.newestChange = page.newestChange;
    cursor = page.cursor;
    await onPage();
  } while (cursor);
  return outcome;
}
