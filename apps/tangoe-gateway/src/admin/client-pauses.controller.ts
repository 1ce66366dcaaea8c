import { Body, Controller, Get, HttpCode, HttpException, HttpStatus, Inject, Param, Post, UseGuards } from '@nestjs/common';
import type { ClientDirectory } from '@bridge/clients-config';
import { AdminTokenGuard, CLIENTS } from '@bridge/platform';
import { ClientPausesRepository } from '../tickets/client-pauses.repository';
import { TicketLine } from '../tickets/ticket-line';
import { TicketWorkRepository } from '../tickets/ticket-work.repository';

/**
 * Pause and resume a client toward Tangoe. Paused, its tickets' events are still taken and kept in their lines, and
 * nothing is sent to its Tangoe; resumed, its tickets' lines flow again, each in order, in the background. The notifier has
 * the same routes for the client's ITSM (`bridge clients pause` calls both).
 */
@Controller('admin/clients')
@UseGuards(AdminTokenGuard)
export class ClientPausesController {
  constructor(
    private readonly pauses: ClientPausesRepository,
    private readonly work: TicketWorkRepository,
    private readonly line: TicketLine,
    @Inject(CLIENTS) private readonly clients: ClientDirectory,
  ) {}

  @Get('paused')
  paused() {
    return this.pauses.all();
  }

  @Post(':clientId/pause')
  @HttpCode(200)
  async pause(@Param('clientId') clientId: string, @Body() body: { reason?: unknown } | undefined) {
    this.assertKnown(clientId);
    const reason = typeof body?.reason === 'string' ? body.reason.slice(0, 500) : undefined;
    const paused = await this.pauses.pause(clientId, reason);
    this.line.clientsChanged();
    return { ...paused, status: 'paused' };
  }

  @Post(':clientId/resume')
  @HttpCode(200)
  async resume(@Param('clientId') clientId: string) {
    this.assertKnown(clientId);
    const resumed = await this.pauses.resume(clientId);
    // Sent in the background by the line's lanes, each ticket in order: the answer does not wait for Tangoe.
    const ticketsToSend = await this.work.keysWaiting(clientId);
    this.line.clientsChanged();
    return { clientId, status: 'resumed', wasPaused: resumed, ticketsToSend };
  }

  private assertKnown(clientId: string): void {
    if (!this.clients.get(clientId)) throw new HttpException({ error: 'unknown_client', message: `no client ${clientId} is configured` }, HttpStatus.NOT_FOUND);
  }
}
