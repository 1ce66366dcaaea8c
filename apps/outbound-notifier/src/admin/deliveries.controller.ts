import { Controller, Get, HttpCode, HttpException, HttpStatus, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ClientDirectory } from '@bridge/clients-config';
import { outboundAdapterFor, planUpdates, renderUpdate } from '@bridge/itsm-adapters';
import { AdminTokenGuard, CLIENTS, SETTINGS, ServiceSettings } from '@bridge/platform';
import { DeliveriesRepository } from '../deliveries/deliveries.repository';
import { askPeer, peerAdminUrls } from './ticket-timeline';

/** The delivery log for operators: what is parked and why, a ticket's timeline, and replay. */
@Controller('admin')
@UseGuards(AdminTokenGuard)
export class DeliveriesController {
  constructor(
    private readonly deliveries: DeliveriesRepository,
    @Inject(CLIENTS) private readonly clients: ClientDirectory,
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
    const delivery = await this.deliveries.find(id);
    if (!delivery || delivery.status !== 'parked') throw new HttpException({ error: 'not_parked', message: `delivery ${id} is not parked` }, HttpStatus.NOT_FOUND);
    const client = this.clients.get(delivery.client_id);
    if (!client?.outbound) throw new HttpException({ error: 'not_deliverable', message: `client ${delivery.client_id} has no outbound configuration` }, HttpStatus.CONFLICT);
    const plan = planUpdates(delivery.event, client);
    const planned = plan.kind === 'updates' ? plan.updates.find((candidate) => candidate.update.kind === delivery.kind) : undefined;
    if (!planned) throw new HttpException({ error: 'not_deliverable', message: plan.kind === 'none' ? plan.reason : `the event no longer asks for a ${delivery.kind} update` }, HttpStatus.CONFLICT);
    try {
      await this.deliveries.requeue(id, renderUpdate(planned.update, client, outboundAdapterFor(client)!, planned.target));
    } catch (error) {
      throw new HttpException({ error: 'template_failed', message: (error as Error).message }, HttpStatus.UNPROCESSABLE_ENTITY);
    }
    return { id, status: 'pending' };
  }
}
