import { Inject, Injectable } from '@nestjs/common';
import type { Queryable } from '@bridge/persistence';
import { SETTINGS, ServiceSettings } from '@bridge/platform';
import { TangoeSupportRequest, walkUpdatedSince } from '@bridge/tangoe-client';
import { ObserveTangoeChangesUseCase, TangoeWaysIn } from '../tangoe-changes';
import { TangoeClients } from '../tangoe/tangoe-clients';
import { PollBookkeepingRepository } from './poll-bookkeeping.repository';
import { StreamPoller } from './stream-poller';

/**
 * Support requests updated after the cursor, page by page, each observed as Tangoe shows it (the ones the bridge
 * links become the interactions and state changes not published yet).
 */
@Injectable()
export class SupportRequestPoller implements StreamPoller {
  readonly stream = 'support_requests';

  constructor(
    private readonly tangoe: TangoeClients,
    @Inject(SETTINGS) private readonly settings: ServiceSettings,
    private readonly bookkeeping: PollBookkeepingRepository,
    private readonly observe: ObserveTangoeChangesUseCase,
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
    if ((await this.observe.supportRequest(tx, clientId, request, TangoeWaysIn.poll)) !== 'unlinked') return;
    // A ticket still being created (the answer lost, retrying, or its opening parked): its link will come, and the cursor is
    // about to pass this request. Noted, so linking the ticket sends the poll back for it.
    if (await this.bookkeeping.notePassedBy(clientId, request.external_source_id!, justBefore(request.updated_at))) return;
    // Linked in between (or not known here at all, which observing again finds).
    await this.observe.supportRequest(tx, clientId, request, TangoeWaysIn.poll);
  }
}

/** The cursor that reads a request updated at `updatedAt` again (Tangoe filters with `updated_at_gt`). */
function justBefore(updatedAt: string): string {
  return new Date(Date.parse(updatedAt) - 1).toISOString();
}
