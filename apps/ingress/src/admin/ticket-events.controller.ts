import { Controller, Get, HttpException, HttpStatus, Inject, Param, UseGuards } from '@nestjs/common';
import { ticketKey } from '@bridge/contracts';
import type { Database } from '@bridge/persistence';
import { AdminTokenGuard, DATABASE } from '@bridge/platform';

/** What the ingress published about one ticket, oldest first: its part of the ticket's timeline. */
@Controller('admin/tickets')
@UseGuards(AdminTokenGuard)
export class TicketEventsController {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  @Get(':clientId/:externalSourceId/events')
  async events(@Param('clientId') clientId: string, @Param('externalSourceId') externalSourceId: string) {
    let subject: string;
    try {
      subject = ticketKey(clientId, externalSourceId);
    } catch (error) {
      throw new HttpException({ error: 'invalid_ticket', message: (error as Error).message }, HttpStatus.BAD_REQUEST);
    }
    const { rows } = await this.database.query<{ event_id: string; event_type: string; published_at: string }>(
      'select event_id, event_type, published_at from published_events where subject = $1 order by published_at, event_id',
      [subject],
    );
    return rows.map((row) => ({ eventId: row.event_id, type: row.event_type, publishedAt: new Date(row.published_at).toISOString() }));
  }
}
