import { Inject, Injectable } from '@nestjs/common';
import { TopicNames } from '@bridge/contracts';
import { MessageBus, publishEvents } from '@bridge/messaging';
import type { Queryable } from '@bridge/persistence';
import { BUS, TOPICS } from '@bridge/platform';
import { TangoeSupportRequest, changesOf, walkUpdatedSince } from '@bridge/tangoe-client';
import { TangoeClients } from '../tangoe/tangoe-clients';
import { POLL_PAGE_SIZE, StreamPoller } from './stream-poller';

/**
 * Support requests updated after the cursor, page by page: for the ones the bridge links, the interactions and
 * state changes it has not seen yet, as Tangoe-side events (interactions the bridge itself sent are no news).
 */
@Injectable()
export class SupportRequestPoller implements StreamPoller {
  readonly stream = 'support_requests';

  constructor(
    @Inject(BUS) private readonly bus: MessageBus,
    @Inject(TOPICS) private readonly topics: TopicNames,
    private readonly tangoe: TangoeClients,
  ) {}

  polls(): boolean {
    return true;
  }

  /** Only linked requests are published, so the first poll may start from the beginning. */
  initialCursor(): null {
    return null;
  }

  async poll(tx: Queryable, clientId: string, updatedAfter: string | null): Promise<string | null> {
    const client = this.tangoe.for(clientId);
    return walkUpdatedSince(
      updatedAfter,
      (filter, page) => client.listSupportRequests({ ...filter, order: 'updated_at asc', page, perPage: POLL_PAGE_SIZE }),
      async (requests) => {
        for (const request of requests) if (request.external_source_id) await this.publishChanges(tx, clientId, request);
      },
    );
  }

  private async publishChanges(tx: Queryable, clientId: string, request: TangoeSupportRequest): Promise<void> {
    const { rows } = await tx.query<{ tangoe_state: string | null; last_interaction_id: string | null }>(
      `select tangoe_state, last_interaction_id from ticket_links where client_id = $1 and external_source_id = $2 and status = 'linked' and support_request_id = $3`,
      [clientId, request.external_source_id, request.id],
    );
    const link = rows[0];
    if (!link) return;
    const sent = await tx.query<{ interaction_id: string }>('select interaction_id from interaction_sends where client_id = $1 and external_source_id = $2 and interaction_id is not null', [
      clientId,
      request.external_source_id,
    ]);
    const events = changesOf(request, {
      clientId,
      externalSourceId: request.external_source_id!,
      tangoeState: link.tangoe_state,
      lastInteractionId: link.last_interaction_id === null ? null : Number(link.last_interaction_id),
      sentByBridge: new Set(sent.rows.map((row) => Number(row.interaction_id))),
    }, 'bridge/tangoe-gateway/poll');
    if (events.length === 0) return;
    await publishEvents(this.bus, this.topics, events);
    const lastInteraction = Math.max(Number(link.last_interaction_id ?? 0), ...request.interactions.map((i) => i.id));
    await tx.query(`update ticket_links set tangoe_state = $3, last_interaction_id = $4 where client_id = $1 and external_source_id = $2`, [
      clientId,
      request.external_source_id,
      request.state,
      lastInteraction,
    ]);
  }
}
