import { Controller, Get, HttpCode, HttpException, HttpStatus, Param, Post, Query, UseFilters, UseGuards } from '@nestjs/common';
import { CLIENT_ID, TICKET_SEARCH_LIMIT } from '@bridge/contracts';
import { AdminTokenGuard } from '@bridge/platform';
import { GatewayErrorFilter } from './gateway-error.filter';
import { ParkedTicketEvents, unknownTicket } from '../tickets/parked-ticket-events';
import { TicketLinksRepository } from '../tickets/ticket-links.repository';
import { TangoeEchoesRepository } from '../tangoe-changes';
import { TicketWorkRepository } from '../tickets/ticket-work.repository';

/**
 * A ticket as the gateway knows it, and the ticket-shaped views of its parked events: `GET /admin/tickets/parked`
 * and the replay by ticket, which `GET /admin/parked` (ParkedController) also offers, with every other parked item.
 */
@Controller('admin/tickets')
@UseGuards(AdminTokenGuard)
@UseFilters(GatewayErrorFilter)
export class ParkedTicketsController {
  constructor(
    private readonly links: TicketLinksRepository,
    private readonly echoes: TangoeEchoesRepository,
    private readonly work: TicketWorkRepository,
    private readonly parkedTickets: ParkedTicketEvents,
  ) {}

  /**
   * `GET /admin/tickets?q=INC0010001&client=acme`: tickets by ITSM number, support request id, or words of their title
   * or description, of one client or of all; `?client=acme` alone: the client's latest tickets.
   */
  @Get()
  search(@Query('q') text: unknown, @Query('client') clientId: unknown) {
    if (text !== undefined && (typeof text !== 'string' || text.trim().length < 2 || text.length > 200)) {
      throw new HttpException({ error: 'invalid_request', message: 'q must be 2 to 200 characters: an ITSM number, a support request id or words of a title' }, HttpStatus.BAD_REQUEST);
    }
    if (clientId !== undefined && (typeof clientId !== 'string' || !CLIENT_ID.test(clientId))) {
      throw new HttpException({ error: 'invalid_request', message: 'client must be a client id' }, HttpStatus.BAD_REQUEST);
    }
    if (text === undefined && clientId === undefined) throw new HttpException({ error: 'invalid_request', message: 'give q, client or both' }, HttpStatus.BAD_REQUEST);
    return this.links.search({ text: text?.trim(), clientId }, TICKET_SEARCH_LIMIT);
  }

  /** Each ticket whose line is held by a parked event, once, with that event and Tangoe's answer. */
  @Get('parked')
  async parked() {
    return (await this.parkedTickets.tickets()).map(({ item, supportRequestId }) => ({
      clientId: item.client_id,
      externalSourceId: item.external_source_id,
      supportRequestId,
      eventId: item.event_id,
      type: item.event.type,
      attempts: item.attempts,
      error: item.last_error,
    }));
  }

  /**
   * The ticket at the gateway: its support request, its events in its line with their traces, and the comments sent as
   * interactions (the thread token left out).
   */
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
      events: await this.work.eventsOf(clientId, externalSourceId),
      interactions: await this.echoes.interactionSends(clientId, externalSourceId),
    };
  }

  /** Tried again at once; answered with how the ticket stands after it (linked, or parked again with the new answer). A
   * held client's ticket is refused (409): its resume sends it. */
  @Post(':clientId/:externalSourceId/replay')
  @HttpCode(200)
  replay(@Param('clientId') clientId: string, @Param('externalSourceId') externalSourceId: string) {
    return this.parkedTickets.replayTicket(clientId, externalSourceId);
  }
}
