import { Inject, Injectable } from '@nestjs/common';
import { EventTypes, TopicNames } from '@bridge/contracts';
import { MessageBus, publishEvents } from '@bridge/messaging';
import type { Queryable } from '@bridge/persistence';
import { BUS, SETTINGS, ServiceSettings, TOPICS } from '@bridge/platform';
import { TangoeSupportRequest, changesOf, commentKey, walkUpdatedSince } from '@bridge/tangoe-client';
import { TangoeClients } from '../tangoe/tangoe-clients';
import { TicketLinksRepository } from '../tickets/ticket-links.repository';
import { StreamPoller } from './stream-poller';

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
    @Inject(SETTINGS) private readonly settings: ServiceSettings,
    private readonly links: TicketLinksRepository,
  ) {}

  polls(): boolean {
    return true;
  }

  /** Only linked requests are published, so the first poll may start from the beginning. */
  initialCursor(): null {
    return null;
  }

  /**
   * From the cursor, or from further back when tickets linked since the last poll had their requests passed by
   * while they were not linked yet: those are read again, and what Tangoe did meanwhile is published now.
   */
  async poll(tx: Queryable, clientId: string, updatedAfter: string | null): Promise<string | null> {
    const client = this.tangoe.for(clientId);
    const passedBy = await this.links.passedByBeforeLink(tx, clientId);
    const since = passedBy !== undefined && updatedAfter !== null && Date.parse(passedBy.since) < Date.parse(updatedAfter) ? passedBy.since : updatedAfter;
    const next = await walkUpdatedSince(
      since,
      (filter, page) => client.listSupportRequests({ ...filter, order: 'updated_at asc', page, perPage: this.settings.POLL_PAGE_SIZE }),
      async (requests) => {
        for (const request of requests) if (request.external_source_id) await this.publishChanges(tx, clientId, request);
      },
    );
    if (passedBy !== undefined) await this.links.clearPassedBy(tx, clientId, passedBy.tickets);
    // Going back never moves the cursor back: what was read before is read again, and the cursor ends where it was or later.
    return next !== null && updatedAfter !== null && Date.parse(next) < Date.parse(updatedAfter) ? updatedAfter : next;
  }

  private async publishChanges(tx: Queryable, clientId: string, request: TangoeSupportRequest): Promise<void> {
    let link = await this.linkOf(tx, clientId, request);
    if (!link) {
      // A ticket still being created (the answer lost, retrying) or parked: its link will come, and the cursor is
      // about to pass this request. Noted, so linking the ticket sends the poll back for it.
      if (await this.links.notePassedBy(clientId, request.external_source_id!, justBefore(request.updated_at))) return;
      link = await this.linkOf(tx, clientId, request);
      if (!link) return;
    }
    // Every comment the gateway sent or is sending, recorded before the call: one whose answer never came back
    // (a dropped connection, a kill) has no interaction id yet, and is known by its text.
    const sent = await tx.query<{ interaction_id: string | null; text: string }>('select interaction_id, text from interaction_sends where client_id = $1 and external_source_id = $2', [
      clientId,
      request.external_source_id,
    ]);
    const changes = changesOf(request, {
      clientId,
      externalSourceId: request.external_source_id!,
      tangoeState: link.tangoe_state,
      lastInteractionId: link.last_interaction_id === null ? null : Number(link.last_interaction_id),
      sentByBridge: new Set(sent.rows.filter((row) => row.interaction_id !== null).map((row) => Number(row.interaction_id))),
    }, 'bridge/tangoe-gateway/poll');
    if (changes.length === 0) return;
    // The client's own comments and its cancel or close, made at Tangoe by the gateway, are no news for the client.
    const sentTexts = new Set(sent.rows.map((row) => commentKey(row.text)));
    const events = changes.filter(
      (event) => !(event.type === EventTypes.StateChanged && event.data.state === link.client_set_state) && !(event.type === EventTypes.CommentAdded && sentTexts.has(commentKey(event.data.text))),
    );
    if (events.length > 0) await publishEvents(this.bus, this.topics, events);
    const lastInteraction = Math.max(Number(link.last_interaction_id ?? 0), ...request.interactions.map((i) => i.id));
    await tx.query(`update ticket_links set tangoe_state = $3, last_interaction_id = $4 where client_id = $1 and external_source_id = $2`, [
      clientId,
      request.external_source_id,
      request.state,
      lastInteraction,
    ]);
  }

  private async linkOf(tx: Queryable, clientId: string, request: TangoeSupportRequest) {
    const { rows } = await tx.query<{ tangoe_state: string | null; last_interaction_id: string | null; client_set_state: string | null }>(
      `select tangoe_state, last_interaction_id, client_set_state from ticket_links where client_id = $1 and external_source_id = $2 and status = 'linked' and support_request_id = $3`,
      [clientId, request.external_source_id, request.id],
    );
    return rows[0];
  }
}

/** The cursor that reads a request updated at `updatedAt` again (Tangoe filters with `updated_at_gt`). */
function justBefore(updatedAt: string): string {
  return new Date(Date.parse(updatedAt) - 1).toISOString();
}
