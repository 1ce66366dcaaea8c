import { Controller, Get, HttpCode, HttpException, HttpStatus, Param, Post, UseGuards } from '@nestjs/common';
import { AdminTokenGuard } from '@bridge/platform';
import { TicketFlowUseCase } from '../tickets/ticket-flow.use-case';
import { TicketLinksRepository } from '../tickets/ticket-links.repository';

/** What is parked at the gateway, with Tangoe's answer, and its replay; a ticket as the gateway knows it. */
@Controller('admin/tickets')
@UseGuards(AdminTokenGuard)
export class ParkedTicketsController {
  constructor(private readonly links: TicketLinksRepository, private readonly tickets: TicketFlowUseCase) {}

  @Get('parked')
  async parked() {
    const parked = await this.links.parked();
    return parked.map((link) => ({ clientId: link.clientId, externalSourceId: link.externalSourceId, supportRequestId: link.supportRequestId, error: link.lastError }));
  }

  /** The ticket at the gateway: its support request, and the comments sent as interactions (the thread token left out). */
  @Get(':clientId/:externalSourceId')
  async ticket(@Param('clientId') clientId: string, @Param('externalSourceId') externalSourceId: string) {
    const link = await this.links.find(clientId, externalSourceId);
    if (!link) throw new HttpException({ error: 'unknown_ticket', message: `the gateway has no ticket ${clientId}:${externalSourceId}` }, HttpStatus.NOT_FOUND);
    return {
      clientId,
      externalSourceId,
      status: link.status,
      supportRequestId: link.supportRequestId,
      createAttempts: link.createAttempts,
      error: link.lastError,
      interactions: await this.links.interactionSends(clientId, externalSourceId),
    };
  }

  @Post(':clientId/:externalSourceId/replay')
  @HttpCode(200)
  async replay(@Param('clientId') clientId: string, @Param('externalSourceId') externalSourceId: string) {
    let link;
    try {
      link = await this.tickets.resume(clientId, externalSourceId);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'unknown_ticket') throw new HttpException({ error: code, message: (error as Error).message }, HttpStatus.NOT_FOUND);
      if (code === 'client_held') throw new HttpException({ error: code, message: (error as Error).message }, HttpStatus.CONFLICT);
      throw error;
    }
    return { clientId, externalSourceId, status: link.status, supportRequestId: link.supportRequestId, error: link.lastError };
  }
}
