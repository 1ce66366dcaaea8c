import { Inject, Injectable } from '@nestjs/common';
import { EventTypes, TopicNames } from '@bridge/contracts';
import { MessageBus, publishEvents } from '@bridge/messaging';
import type { Queryable } from '@bridge/persistence';
import { BUS, SETTINGS, ServiceSettings, TOPICS } from '@bridge/platform';
import { TangoeSupportRequest, changesOf, commentKey, walkUpdatedSince } from '@bridge/tangoe-client';
import { TangoeClients } from '../tangoe/tangoe-clients';
import { PollBookkeepingRepository } from './poll-bookkeeping.repository';
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
    private readonly bookkeeping: PollBookkeepingRepository,
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
    const passedBy = await this.bookkeeping.passedByBeforeLink(tx, clientId);
    const since = passedBy !== undefined && updatedAfter !== null && Date.parse(passedBy.since) < Date.parse(updatedAfter) ? passedBy.since : updatedAfter;
    const next = await walkUpdatedSince(
      since,
      (filter, page) => client.listSupportRequests({ ...filter, order: 'updated_at asc', page, perPage: this.settings.POLL_PAGE_SIZE }),
      async (requests) => {
        for (const request of requests) if (request.external_source_id) await this.publishChanges(tx, clientId, request);
      },
    );
    if (passedBy !== undefined) await this.bookkeeping.clearPassedBy(tx, clientId, passedBy.tickets);
    // Going back never moves the cursor back: what was read before is read again, and the cursor ends where it was or later.
    return next !== null && updatedAfter !== null && Date.parse(next) < Date.parse(updatedAfter) ? updatedAfter : next;
  }

  private async publishChanges(tx: Queryable, clientId: string, request: TangoeSupportRequest): Promise<void> {
    const externalSourceId = request.external_source_id!;
    let link = await this.bookkeeping.linkedTo(tx, clientId, externalSourceId, request.id);
    if (!link) {
      // A ticket still being created (the answer lost, retrying, or its opening parked): its link will come, and the cursor is
      // about to pass this request. Noted, so linking the ticket sends the poll back for it.
      if (await this.bookkeeping.notePassedBy(clientId, externalSourceId, justBefore(request.updated_at))) return;
      link = await this.bookkeeping.linkedTo(tx, clientId, externalSourceId, request.id);
      if (!link) return;
    }
    const sent = await this.bookkeeping.commentsSent(tx, clientId, externalSourceId);
    const changes = changesOf(request, {
      clientId,
      externalSourceId,
      tangoeState: link.tangoeState,
      lastInteractionId: link.lastInteractionId,
      sentByBridge: new Set(sent.flatMap((comment) => (comment.interactionId === null ? [] : [comment.interactionId]))),
    }, 'bridge/tangoe-gateway/poll');
    if (changes.length === 0) return;
    // The client's own comments and its cancel or close, made at Tangoe by the gateway, are no news for the client.
    const sentTexts = new Set(sent.map((comment) => commentKey(comment.text)));
    const events = changes.filter(
      (event) => !(event.type === EventTypes.StateChanged && event.data.state === link.clientSetState) && !(event.type === EventTypes.CommentAdded && sentTexts.has(commentKey(event.data.text))),
    );
    if (events.length > 0) await publishEvents(this.bus, this.topics, events);
    const lastInteraction = Math.max(link.lastInteractionId ?? 0, ...request.interactions.map((i) => i.id));
    await this.bookkeeping.notePublished(tx, clientId, externalSourceId, request.state, lastInteraction);
  }
}

/** The cursor that reads a request updated at `updatedAt` again (Tangoe filters with `updated_at_gt`). */
function justBefore(updatedAt: string): string {
  return new Date(Date.parse(updatedAt) - 1).toISOString();
}
