import { Controller, Get, HttpCode, Inject, Param, Post, UseFilters, UseGuards } from '@nestjs/common';
import { AdminTokenGuard, ParkedErrorFilter, SETTINGS, ServiceSettings } from '@bridge/platform';
import { DeliveriesRepository } from '../deliveries/deliveries.repository';
import { ParkedDeliveries } from '../deliveries/parked-deliveries';
import { DeliveryReplayErrorFilter } from './delivery-replay-error.filter';
import { askPeer, peerAdminUrls } from './ticket-timeline';

/**
 * The delivery log for operators: a ticket's timeline, and the delivery-shaped views of what is parked (which
 * `GET /admin/parked`, ParkedController, also offers, with every other parked item).
 */
@Controller('admin')
@UseGuards(AdminTokenGuard)
@UseFilters(ParkedErrorFilter, DeliveryReplayErrorFilter)
export class DeliveriesController {
  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly parkedDeliveries: ParkedDeliveries,
    @Inject(SETTINGS) private readonly settings: ServiceSettings,
  ) {}

  @Get('deliveries/parked')
  async parked() {
    return (await this.deliveries.parked()).map((d) => ({ id: d.id, clientId: d.client_id, externalSourceId: d.external_source_id, kind: d.kind, attempts: d.attempts, error: d.last_error }));
  }

  /**
   * A ticket's whole timeline: what the ingress published about it, the support request and interactions at the
   * gateway (each asked over its admin API, at the URLs configuration gives), and every delivery with its attempts.
   */
  @Get('tickets/:clientId/:externalSourceId/timeline')
  async fullTimeline(@Param('clientId') clientId: string, @Param('externalSourceId') externalSourceId: string) {
    const peers = peerAdminUrls(this.settings);
    const ticket = `${encodeURIComponent(clientId)}/${encodeURIComponent(externalSourceId)}`;
    const token = this.settings.ADMIN_TOKEN;
    const [ingress, gateway, deliveries] = await Promise.all([
      askPeer(peers.ingress, `/admin/tickets/${ticket}/events`, token),
      askPeer(peers.gateway, `/admin/tickets/${ticket}`, token),
      this.deliveries.timeline(clientId, externalSourceId),
    ]);
    return { clientId, externalSourceId, ingress, gateway, deliveries };
  }

  @Get('tickets/:clientId/:externalSourceId/deliveries')
  timeline(@Param('clientId') clientId: string, @Param('externalSourceId') externalSourceId: string) {
    return this.deliveries.timeline(clientId, externalSourceId);
  }

  /** Renders again with today's configuration and puts the delivery back at the head of its ticket's line. */
  @Post('deliveries/:id/replay')
  @HttpCode(200)
  async replay(@Param('id') id: string) {
    await this.parkedDeliveries.replayDelivery(id);
    return { id, status: 'pending' };
  }
}
