import { Controller, Get, HttpCode, HttpException, HttpStatus, Param, Post, UseGuards } from '@nestjs/common';
import { ticketKey } from '@bridge/contracts';
import { AdminTokenGuard } from '@bridge/platform';
import { GatewayError } from '../tickets/gateway-error';
import { TicketLine } from '../tickets/ticket-line';
import { TicketLinksRepository } from '../tickets/ticket-links.repository';
import { TicketWorkRepository } from '../tickets/ticket-work.repository';

/** What is parked at the gateway, with Tangoe's answer, and its replay; a ticket as the gateway knows it. */
@Controller('admin/tickets')
@UseGuards(AdminTokenGuard)
export class ParkedTicketsController {
  constructor(
    private readonly links: TicketLinksRepository,
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
      interactions: await this.links.interactionSends(clientId, externalSourceId),
    };
  }

  /** Tried again at once; answered with how the ticket stands after it (linked, or parked again with the new answer). */
  @Post(':clientId/:externalSourceId/replay')
  @HttpCode(200)
  async replay(@Param('clientId') clientId: string, @Param('externalSourceId') externalSourceId: string) {
    if (!(await this.links.find(clientId, externalSourceId))) throw unknownTicket(clientId, externalSourceId);
    try {
      await this.line.replay(clientId, externalSourceId);
    } catch (error) {
      if (error instanceof GatewayError && error.code === 'client_held') throw new HttpException({ error: error.code, message: error.message }, HttpStatus.CONFLICT);
      throw error;
    }
    const link = (await this.links.find(clientId, externalSourceId))!;
    return { clientId, externalSourceId, status: link.status, supportRequestId: link.supportRequestId, error: link.lastError };
  }
}

function unknownTicket(clientId: string, externalSourceId: string): HttpException {
  return new HttpException({ error: 'unknown_ticket', message: `the gateway has no ticket ${clientId}:${externalSourceId}` }, HttpStatus.NOT_FOUND);
}
