import { Controller, Get, HttpException, HttpStatus, Param, UseGuards } from '@nestjs/common';
import { ticketKey } from '@bridge/contracts';
import { AdminTokenGuard } from '@bridge/platform';
import { PublishedEventsRepository } from '../publishing/published-events.repository';

/** What the ingress published about one ticket, oldest first: its part of the ticket's timeline. */
@Controller('admin/tickets')
@UseGuards(AdminTokenGuard)
export class TicketEventsController {
  constructor(private readonly publishedEvents: PublishedEventsRepository) {}

  @Get(':clientId/:externalSourceId/events')
  async events(@Param('clientId') clientId: string, @Param('externalSourceId') externalSourceId: string) {
    let subject: string;
    try {
      subject = ticketKey(clientId, externalSourceId);
    } catch (error) {
      throw new HttpException({ error: 'invalid_ticket', message: (error as Error).message }, HttpStatus.BAD_REQUEST);
    }
    return this.publishedEvents.ofTicket(subject);
  }
}
