import { Body, Controller, Get, HttpCode, HttpException, HttpStatus, Inject, Param, Post, UseGuards } from '@nestjs/common';
import type { ClientDirectory } from '@bridge/clients-config';
import { AdminTokenGuard, CLIENTS } from '@bridge/platform';
import { EndpointHolds } from '../deliveries/endpoint-holds';
import { EndpointsRepository } from '../deliveries/endpoints.repository';

/**
 * Pause and resume a client toward its ITSM. Paused, Tangoe's updates for it are still taken and kept as deliveries,
 * and none is sent; resumed, they flow again, each ticket in its order. The gateway has the same routes for the
 * client's Tangoe (`bridge clients pause` and the console call both, `@bridge/operations`).
 */
@Controller('admin/clients')
@UseGuards(AdminTokenGuard)
export class ClientPausesController {
  constructor(
    private readonly endpoints: EndpointsRepository,
    private readonly holds: EndpointHolds,
    @Inject(CLIENTS) private readonly clients: ClientDirectory,
  ) {}

  @Get('paused')
  async paused() {
    return (await this.endpoints.held()).filter((e) => e.paused_at).map((e) => ({ clientId: e.client_id, pausedAt: new Date(e.paused_at!).toISOString(), reason: e.paused_reason, held: e.held }));
  }

  @Post(':clientId/pause')
  @HttpCode(200)
  async pause(@Param('clientId') clientId: string, @Body() body: { reason?: unknown } | undefined) {
    this.assertKnown(clientId);
    await this.holds.pause(clientId, typeof body?.reason === 'string' ? body.reason.slice(0, 500) : undefined);
    return { clientId, status: 'paused' };
  }

  @Post(':clientId/resume')
  @HttpCode(200)
  async resume(@Param('clientId') clientId: string) {
    this.assertKnown(clientId);
    return { clientId, status: 'resumed', wasPaused: await this.holds.resume(clientId) };
  }

  private assertKnown(clientId: string): void {
    if (!this.clients.get(clientId)) throw new HttpException({ error: 'unknown_client', message: `no client ${clientId} is configured` }, HttpStatus.NOT_FOUND);
  }
}
