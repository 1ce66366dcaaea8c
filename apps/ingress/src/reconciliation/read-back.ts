import { Inject, Injectable } from '@nestjs/common';
import type { ClientConfig } from '@bridge/clients-config';
import { EventEnvelope, EventTypes, EventValidationError } from '@bridge/contracts';
import { InboundPayloadError, ItsmAdapter, NormalizeResult } from '@bridge/itsm-adapters';
import { LOGGER, SETTINGS, ServiceSettings } from '@bridge/platform';
import type { Logger } from 'pino';
import { ItsmReadHttp } from './itsm-read-http';
import { reconciles } from './reconcile-scheduler';

/**
 * A webhook is a doorbell: it says a record changed, and the record, read through the ITSM's API with its comments,
 * says what. Publishing what the read finds, oldest first, keeps each ticket's order even when an earlier webhook
 * was lost: the comment it carried is in the read, before the one that rang. What the webhook carried and the read
 * does not show yet (an API a moment behind its webhook) follows, so nothing the webhook said is dropped.
 */
@Injectable()
export class ReadBack {
  constructor(
    private readonly reads: ItsmReadHttp,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(SETTINGS) private readonly settings: ServiceSettings,
  ) {}

  /**
   * Whether this ingress reads the client's ITSM: the client is reconciled, and reading is not turned off here
   * (RECONCILE_ENABLED=false: an ingress without the ITSMs' credentials, ADR 14).
   */
  readsFor(client: ClientConfig): boolean {
    return this.settings.RECONCILE_ENABLED && reconciles(client);
  }

  /**
   * The events to publish for a webhook's `result`: the read's, then the webhook's own the read lacks; the webhook's
   * alone when the ITSM does not know the record. Throws what the read threw (`ReadFailed`, `ReadBudgetSpent`).
   */
  async events(client: ClientConfig, adapter: ItsmAdapter, result: Extract<NormalizeResult, { kind: 'events' }>, receivedAt: Date): Promise<EventEnvelope[]> {
    const read = await adapter.reader.readOne(this.reads.immediate(client), client, result.record);
    if (!read) return result.events;
    let asRead: NormalizeResult;
    try {
      asRead = adapter.normalizeRead(read, { client, receivedAt });
    } catch (error) {
      if (!(error instanceof InboundPayloadError) && !(error instanceof EventValidationError)) throw error;
      // The API's record lacks what the webhook had (a field only the webhook body carries): the webhook's events.
      this.logger.warn({ clientId: client.id, record: result.record.key, error: error.message }, "the record as read cannot be mapped; publishing the webhook's own events");
      return result.events;
    }
    if (asRead.kind !== 'events' && asRead.reason.startsWith('echo:')) {
      // The record is the bridge's own (a mirrored order it created): nothing of it goes to Tangoe.
      this.logger.info({ clientId: client.id, record: result.record.key, reason: asRead.reason }, 'the record as read is the bridge\'s own');
      return [];
    }
    if (asRead.kind !== 'events') {
      // The webhook was routed and no echo: what the API shows differently (a field only the webhook body carries,
      // as a Zendesk trigger's group name) does not overrule it.
      this.logger.info({ clientId: client.id, record: result.record.key, reason: asRead.reason }, "the record as read is not routed; publishing the webhook's own events");
      return result.events;
    }
    // One state change: the webhook's own when it reports one (its version is the change's), else the read's.
    const webhookState = result.events.some((event) => event.type === EventTypes.StateChanged);
    const fromRead = asRead.events.filter((event) => !(webhookState && event.type === EventTypes.StateChanged));
    const seen = new Set(fromRead.map((event) => event.id));
    return [...fromRead, ...result.events.filter((event) => !seen.has(event.id))];
  }
}
