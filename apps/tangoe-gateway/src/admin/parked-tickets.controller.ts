import { Controller, Get, HttpCode, Param, Post, UseFilters, UseGuards } from '@nestjs/common';
import { ticketKey } from '@bridge/contracts';
import { AdminTokenGuard } from '@bridge/platform';
import { GatewayError } from '../gateway.error';
import { GatewayErrorFilter } from './gateway-error.filter';
import { TicketLine } from '../tickets/ticket-line';
import { TicketLinksRepository } from '../tickets/ticket-links.repository';
import { TangoeEchoesRepository } from '../tangoe-changes';
import { TicketWorkRepository } from '../tickets/ticket-work.repository';

/** What is parked at the gateway, with Tangoe's answer, and its replay; a ticket as the gateway knows it. */
@Controller('admin/tickets')
@UseGuards(AdminTokenGuard)
@UseFilters(GatewayErrorFilter)
export class ParkedTicketsController {
  constructor(
    private readonly links: TicketLinksRepository,
    private readonly echoes: TangoeEchoesRepository,
    private readonly work: TicketWorkRepository,
    private readonly line: TicketLine,
  ) {}

  /** Each ticket whose line is held by a parked event, once, with that event and Tangoe's answer. */
  @Get('parked')
  async parked() {
    const seen = new Set<string>();
    const parked = [];
    for (const item of await this.work.parked()) {
      const key = ticketKey(item.client_id, item.external_source_id);
      if (seen.has(key)) continue;
      seen.add(key);
      const link = await this.links.find(item.client_id, item.external_source_id);
      parked.push({ clientId: item.client_id, externalSourceId: item.external_source_id, supportRequestId: link?.supportRequestId ?? null, eventId: item.event_id, type: item.event.type, attempts: item.attempts, error: item.last_error });
    }
    return parked;
  }

  /** The ticket at the gateway: its support request, and the comments sent as interactions (the thread token left out). */
  @Get(':clientId/:externalSourceId')
  async ticket(@Param('clientId') clientId: string, @Param('externalSourceId') externalSourceId: string) {
    const link = await this.links.find(clientId, externalSourceId);
    if (!link) throw unknownTicket(clientId, externalSourceId);
    return {
      clientId,
      externalSourceId,
      status: link.status,
      supportRequestId: link.supportRequestId,
      createAttempts: link.createAttempts,
      error: link.lastError,
      eventsInLine: await this.work.inLine(clientId, externalSourceId),
      interactions: await this.echoes.interactionSends(clientId, externalSourceId),
    };
  }

  /** Tried again at once; answered with how the ticket stands after it (linked, or parked again with the new answer). A
   * held client's ticket is refused (409): its resume sends it. */
  @Post(':clientId/:externalSourceId/replay')
  @HttpCode(200)
  async replay(@Param('clientId') clientId: string, @Param('externalSourceId') externalSourceId: string) {
    if (!(await this.links.find(clientId, externalSourceId))) throw unknownTicket(clientId, externalSourceId);
    await this.line.replay(clientId, externalSourceId);
    const link = (await this.links.find(clientId, externalSourceId))!;
    return { clientId, externalSourceId, status: link.status, supportRequestId: link.supportRequestId, error: link.lastError };
  }
}

function unknownTicket(clientId: string, externalSourceId: string): GatewayError {
  // Not ticketKey(): these are the URL's values, which may make no key at all.
  return new GatewayError('unknown_ticket', `the gateway has no ticket ${externalSourceId} of client ${clientId}`);
}
