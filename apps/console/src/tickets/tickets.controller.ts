import { Controller, Get, Header, Param, Query, UseGuards } from '@nestjs/common';
import { TICKET_SEARCH_LIMIT, TicketFound } from '@bridge/contracts';
import { clientIdOf } from '../actions/action-request';
import { ConsoleSessionGuard, Operator, SignedIn } from '../auth/console-session.guard';
import { pathSegment } from '../peers/path-segment';
import { BridgeServices, problemsOf } from '../peers/bridge-services';
import { ConsoleViews } from '../views/console-views';
import { GatewayTicket, PublishedEvent, TicketDelivery, ticketTimeline } from './ticket-timeline';

/** The ticket search (by ITSM number, support request id or words) and a ticket's whole timeline. */
@Controller('tickets')
@UseGuards(ConsoleSessionGuard)
export class TicketsController {
  constructor(
    private readonly services: BridgeServices,
    private readonly views: ConsoleViews,
  ) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  async search(@Operator() signedIn: SignedIn, @Query('q') q: unknown) {
    const text = typeof q === 'string' ? q.trim() : '';
    const searched = text.length >= 2;
    const found = searched ? await this.services.read<TicketFound[]>('gateway', `/admin/tickets?q=${encodeURIComponent(text.slice(0, 200))}`) : undefined;
    return this.views.render(
      'tickets',
      { title: 'Tickets', section: 'tickets', signedIn, problems: found ? problemsOf([found]) : [] },
      { q: text, searched, found: found?.ok ? found.data : [], limit: TICKET_SEARCH_LIMIT },
    );
  }

  @Get(':clientId/:externalSourceId')
  @Header('content-type', 'text/html; charset=utf-8')
  async timeline(@Operator() signedIn: SignedIn, @Param('clientId') clientId: string, @Param('externalSourceId') externalSourceId: string) {
    const ticket = `${pathSegment(clientIdOf(clientId))}/${pathSegment(externalSourceId)}`;
    const [ingress, gateway, notifier] = await Promise.all([
      this.services.read<PublishedEvent[]>('ingress', `/admin/tickets/${ticket}/events`),
      this.services.read<GatewayTicket>('gateway', `/admin/tickets/${ticket}`),
      this.services.read<TicketDelivery[]>('notifier', `/admin/tickets/${ticket}/deliveries`),
    ]);
    // The gateway answers 404 for a ticket it never saw: no problem, only no part of the timeline.
    const gatewayPart = !gateway.ok && gateway.status === 404 ? ({ ok: true, data: null } as const) : gateway;
    return this.views.render(
      'ticket',
      { title: `${externalSourceId} of ${clientId}`, section: 'tickets', signedIn, problems: problemsOf([ingress, gatewayPart, notifier]) },
      { clientId, externalSourceId, supportRequestId: gatewayPart.ok ? gatewayPart.data?.supportRequestId : undefined, timeline: ticketTimeline({ ingress, gateway: gatewayPart, notifier }) },
    );
  }
}
