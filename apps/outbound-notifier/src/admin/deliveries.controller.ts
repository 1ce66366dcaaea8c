import { Controller, Get, HttpCode, Param, Post, UseFilters, UseGuards } from '@nestjs/common';
import { AdminTokenGuard, ParkedErrorFilter } from '@bridge/platform';
import { DeliveriesRepository } from '../deliveries/deliveries.repository';
import { ParkedDeliveries } from '../deliveries/parked-deliveries';
import { DeliveryReplayErrorFilter } from './delivery-replay-error.filter';

/**
 * The delivery log for operators: a ticket's deliveries with their attempts and traces (its part of the console's
 * timeline), and the delivery-shaped views of what is parked (which
 * `GET /admin/parked`, ParkedController, also offers, with every other parked item).
 */
@Controller('admin')
@UseGuards(AdminTokenGuard)
@UseFilters(ParkedErrorFilter, DeliveryReplayErrorFilter)
export class DeliveriesController {
  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly parkedDeliveries: ParkedDeliveries,
  ) {}

  @Get('deliveries/parked')
  async parked() {
    return (await this.deliveries.parked()).map((d) => ({ id: d.id, clientId: d.client_id, externalSourceId: d.external_source_id, kind: d.kind, attempts: d.attempts, error: d.last_error }));
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
