import { Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { AdminTokenGuard } from '@bridge/platform';
import { TicketFlowUseCase } from '../tickets/ticket-flow.use-case';
import { TicketLinksRepository } from '../tickets/ticket-links.repository';

/** What is parked at the gateway, with Tangoe's answer, and its replay. */
@Controller('admin/tickets')
@UseGuards(AdminTokenGuard)
export class ParkedTicketsController {
  constructor(private readonly links: TicketLinksRepository, private readonly tickets: TicketFlowUseCase) {}

  @Get('parked')
  async parked() {
    const parked = await this.links.parked();
    return parked.map((link) => ({ clientId: link.clientId, externalSourceId: link.externalSourceId, supportRequestId: link.supportRequestId, error: link.lastError }));
  }

  @Post(':clientId/:externalSourceId/replay')
  @HttpCode(200)
  async replay(@Param('clientId') clientId: string, @Param('externalSourceId') externalSourceId: string) {
    const link = await this.tickets.resume(clientId, externalSourceId);
    return { clientId, externalSourceId, status: link.status, supportRequestId: link.supportRequestId, error: link.lastError };
  }
}
