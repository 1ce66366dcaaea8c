import { Controller, Get, Inject, UseGuards } from '@nestjs/common';
import type { ClientDirectory } from '@bridge/clients-config';
import type { NotifierClientStatus } from '@bridge/contracts';
import { AdminTokenGuard, CLIENTS } from '@bridge/platform';
import { DeliveriesRepository } from '../deliveries/deliveries.repository';
import { EndpointsRepository } from '../deliveries/endpoints.repository';

/**
 * `GET /admin/client-status`: each configured client as the notifier sees it, for the console's clients page:
 * paused or not, its endpoint held (disabled by a 410, or slowed until a time), its deliveries waiting and parked,
 * when its ITSM last took a delivery, its last answer, and how many attempts failed since the last success.
 */
@Controller('admin/client-status')
@UseGuards(AdminTokenGuard)
export class ClientStatusController {
  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly endpoints: EndpointsRepository,
    @Inject(CLIENTS) private readonly clients: ClientDirectory,
  ) {}

  @Get()
  async list(): Promise<NotifierClientStatus[]> {
    const [held, counts, answers] = await Promise.all([this.endpoints.held(), this.deliveries.countsByClient(), this.deliveries.answersOfLastDay()]);
    const heldOf = new Map(held.map((endpoint) => [endpoint.client_id, endpoint]));
    const answersOf = new Map(answers.map((answer) => [answer.clientId, answer]));
    return this.clients
      .all()
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((client): NotifierClientStatus => {
        const endpoint = heldOf.get(client.id);
        const answer = answersOf.get(client.id);
        return {
          clientId: client.id,
          itsm: client.itsm,
          paused: Boolean(endpoint?.paused_at),
          pausedAt: endpoint?.paused_at ? new Date(endpoint.paused_at).toISOString() : null,
          pauseReason: endpoint?.paused_reason ?? null,
          endpointDisabledAt: endpoint?.disabled_at ? new Date(endpoint.disabled_at).toISOString() : null,
          endpointDisabledReason: endpoint?.disabled_reason ?? null,
          endpointSlowedUntil: endpoint?.not_before && new Date(endpoint.not_before) > new Date() ? new Date(endpoint.not_before).toISOString() : null,
          waitingTowardItsm: counts.get(client.id)?.pending ?? 0,
          parkedTowardItsm: counts.get(client.id)?.parked ?? 0,
          itsmLastDeliveredAt: answer?.lastDeliveredAt ?? null,
          itsmLastAnswerAt: answer?.lastAnswerAt ?? null,
          itsmLastOutcome: answer?.lastOutcome ?? null,
          itsmLastStatus: answer?.lastStatus ?? null,
          failuresSinceLastDelivered: answer?.failuresSinceLastDelivered ?? 0,
        };
      });
  }
}
