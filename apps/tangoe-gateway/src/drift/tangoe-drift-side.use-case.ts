import { Injectable } from '@nestjs/common';
import type { TangoeRequest, TangoeSide, TangoeTicket } from '@bridge/drift';
import type { TangoeSupportRequest } from '@bridge/tangoe-client';
import { TangoeClients } from '../tangoe/tangoe-clients';
import { TangoeRequestIndex } from '../tangoe/tangoe-request-index';
import { ClientPausesRepository } from '../tickets/client-pauses.repository';
import { DriftLinksRepository } from './drift-links.repository';

/**
 * Up to this many named tickets are looked up one GET each (`external_source_id_eq`); more, or none named, read the
 * client's whole list (one GET per 999 requests): a repair's check of one ticket need not read a list of 50,000.
 */
const LOOKUPS_BEFORE_LIST = 5;

/**
 * Tangoe's side of a drift report: the client's support requests at Tangoe, read now (never from a cache: the
 * report is about what is), joined with the gateway's ticket links and what waits in their lines, and whether an
 * operator paused the client. Every GET goes through the client's Tangoe GET budget.
 */
@Injectable()
export class TangoeDriftSideUseCase {
  constructor(
    private readonly index: TangoeRequestIndex,
    private readonly tangoe: TangoeClients,
    private readonly links: DriftLinksRepository,
    private readonly pauses: ClientPausesRepository,
  ) {}

  async execute(clientId: string, tickets?: readonly string[]): Promise<TangoeSide> {
    const readAt = new Date().toISOString();
    const requests = tickets && tickets.length <= LOOKUPS_BEFORE_LIST ? await this.lookUp(clientId, tickets) : await this.index.readAfresh(clientId);
    const named = tickets ? new Set(tickets) : undefined;
    const byKey = new Map<string, TangoeTicket>();
    const ticketOf = (externalSourceId: string) => {
      let ticket = byKey.get(externalSourceId);
      if (!ticket) byKey.set(externalSourceId, (ticket = { externalSourceId, requests: [] }));
      return ticket;
    };
    for (const request of requests) {
      if (request.external_source_id && (!named || named.has(request.external_source_id))) ticketOf(request.external_source_id).requests.push(viewOf(request));
    }
    for (const { externalSourceId, link } of await this.links.ofClient(clientId, tickets)) ticketOf(externalSourceId).link = link;
    const pause = (await this.pauses.all()).find((candidate) => candidate.clientId === clientId);
    return { clientId, readAt, ...(pause ? { pause: { pausedAt: pause.pausedAt, reason: pause.reason } } : {}), tickets: [...byKey.values()] };
  }

  private async lookUp(clientId: string, tickets: readonly string[]): Promise<TangoeSupportRequest[]> {
    const client = this.tangoe.for(clientId);
    const found: TangoeSupportRequest[] = [];
    for (const externalSourceId of tickets) {
      const { items } = await client.listSupportRequests({ externalSourceIdEq: externalSourceId, perPage: 100, order: 'id asc' });
      found.push(...items.filter((request) => request.external_source_id === externalSourceId));
    }
    return found;
  }
}

function viewOf(request: TangoeSupportRequest): TangoeRequest {
  return { id: request.id, state: request.state, updatedAt: new Date(request.updated_at).toISOString() };
}
