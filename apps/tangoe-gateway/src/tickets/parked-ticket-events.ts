import { Injectable } from '@nestjs/common';
import { ticketKey } from '@bridge/contracts';
import { ParkedError, ParkedItem, ParkedLine, ParkedReplay, parkedId } from '@bridge/platform';
import { GatewayError } from '../gateway.error';
import { TicketLine } from './ticket-line';
import { TicketLinksRepository } from './ticket-links.repository';
import { TicketWorkRepository, TicketWorkRow } from './ticket-work.repository';

/** A ticket held by a parked event, with that event, Tangoe's answer, and its support request when it has one. */
export interface ParkedTicket {
  item: TicketWorkRow;
  supportRequestId: number | null;
}

/**
 * The gateway's parked ticket events (`ticket_work`): a ticket's line stops at its parked event, so a replay is
 * the ticket's, its parked event tried again at once and the rest of its line after it.
 */
@Injectable()
export class ParkedTicketEvents implements ParkedLine {
  readonly line = 'ticket_work' as const;

  constructor(
    private readonly links: TicketLinksRepository,
    private readonly work: TicketWorkRepository,
    private readonly ticketLine: TicketLine,
  ) {}

  /** Each ticket held by a parked event, once, with the first of them (the one its line stopped at). */
  async tickets(): Promise<ParkedTicket[]> {
    const seen = new Set<string>();
    const parked: ParkedTicket[] = [];
    for (const item of await this.work.parked()) {
      const key = ticketKey(item.client_id, item.external_source_id);
      if (seen.has(key)) continue;
      seen.add(key);
      const link = await this.links.find(item.client_id, item.external_source_id);
      parked.push({ item, supportRequestId: link?.supportRequestId ?? null });
    }
    return parked;
  }

  async list(): Promise<ParkedItem[]> {
    return (await this.tickets()).map(({ item }) => ({
      id: parkedId(this.line, item.id),
      line: this.line,
      key: ticketKey(item.client_id, item.external_source_id),
      clientId: item.client_id,
      externalSourceId: item.external_source_id,
      what: item.event.type,
      error: item.last_error ?? '',
      attempts: item.attempts,
      parkedAt: new Date(item.due_at).toISOString(),
    }));
  }

  async replay(ownId: string): Promise<ParkedReplay> {
    const item = /^\d+$/.test(ownId) ? await this.work.find(ownId) : undefined;
    if (!item || item.status !== 'parked') throw ParkedError.notParked(parkedId(this.line, ownId));
    const ticket = await this.replayTicket(item.client_id, item.external_source_id);
    return { id: parkedId(this.line, ownId), line: this.line, status: ticket.status, error: ticket.error };
  }

  /** Tried again at once; how the ticket stands after it (linked, or parked again with the new answer). A held
   * client's ticket is refused: its resume sends it. */
  async replayTicket(clientId: string, externalSourceId: string) {
    if (!(await this.links.find(clientId, externalSourceId))) throw unknownTicket(clientId, externalSourceId);
    await this.ticketLine.replay(clientId, externalSourceId);
    const link = (await this.links.find(clientId, externalSourceId))!;
    return { clientId, externalSourceId, status: link.status, supportRequestId: link.supportRequestId, error: link.lastError };
  }
}

export function unknownTicket(clientId: string, externalSourceId: string): GatewayError {
  // Not ticketKey(): these are the URL's values, which may make no key at all.
  return new GatewayError('unknown_ticket', `the gateway has no ticket ${externalSourceId} of client ${clientId}`);
}
