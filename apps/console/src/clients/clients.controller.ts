import { Controller, Get, Header, Headers, NotFoundException, Param, Query, Redirect, UseGuards } from '@nestjs/common';
import type { TicketFound } from '@bridge/contracts';
import { clientIdOf } from '../actions/action-request';
import { ConsoleSessionGuard, Operator, SignedIn } from '../auth/console-session.guard';
import { pathSegment } from '../peers/path-segment';
import { BridgeServices, problemsOf } from '../peers/bridge-services';
import { readServiceStates } from '../peers/service-states';
import { ConsoleViews } from '../views/console-views';
import { waitingItems } from '../waiting/waiting-list';
import { readWaitingLists } from '../waiting/waiting-readings';
import { CLIENT_HEALTHS, CLIENT_SORTS, CLIENT_SORT_DIRECTIONS, ClientFilter, ClientHealth, ClientSort, clientOverviews, filterClients } from './client-overview';
import { readClients } from './client-readings';

const COLUMNS: Array<{ label: string; sort?: ClientSort }> = [
  { label: 'Client', sort: 'client' },
  { label: 'Health', sort: 'health' },
  { label: 'ITSM' },
  { label: 'ITSM last answered' },
  { label: 'Tangoe last answered' },
  { label: 'Waiting → Tangoe', sort: 'toTangoe' },
  { label: 'Waiting → ITSM', sort: 'toItsm' },
  { label: 'Parked', sort: 'parked' },
  { label: 'Tangoe GETs / min', sort: 'gets' },
  { label: 'Last reconciliation' },
];

/** The clients page (every client's health at a glance, filtered and sorted) and each client's own page. */
@Controller()
@UseGuards(ConsoleSessionGuard)
export class ClientsController {
  constructor(
    private readonly services: BridgeServices,
    private readonly views: ConsoleViews,
  ) {}

  @Get()
  @Redirect('/clients', 302)
  home() {}

  @Get('clients')
  @Header('content-type', 'text/html; charset=utf-8')
  async list(@Operator() signedIn: SignedIn, @Query() query: Record<string, unknown>) {
    const filter = filterOf(query);
    const [readings, serviceStates] = await Promise.all([readClients(this.services), readServiceStates(this.services)]);
    const overviews = clientOverviews(readings);
    const clients = filterClients(overviews, filter);
    const sortedBy = filter.sort ?? 'health';
    const reversed = (direction: 'ascending' | 'descending') => (direction === 'ascending' ? 'descending' : 'ascending');
    const columns = COLUMNS.map((column) => ({
      label: column.label,
      // The column sorted now links to its reverse; any other to itself in its natural order.
      href: column.sort && `/clients?${new URLSearchParams({ q: filter.text ?? '', health: filter.health ?? '', sort: column.sort, ...(column.sort === sortedBy && !filter.descending ? { order: 'desc' } : {}) })}`,
      sorted: column.sort && column.sort === sortedBy ? (filter.descending ? reversed(CLIENT_SORT_DIRECTIONS[column.sort]) : CLIENT_SORT_DIRECTIONS[column.sort]) : undefined,
    }));
    return this.views.render('clients', { title: 'Clients', section: 'clients', signedIn, problems: problemsOf(Object.values(readings)) }, { clients, total: overviews.length, filter, columns, healths: CLIENT_HEALTHS, services: serviceStates, now: new Date().toISOString() });
  }

  @Get('clients/:clientId')
  @Header('content-type', 'text/html; charset=utf-8')
  async client(@Operator() signedIn: SignedIn, @Param('clientId') clientId: string, @Headers('x-console-refresh') refresh?: string) {
    const path = pathSegment(clientIdOf(clientId));
    // A refresh swaps the live parts only: the settings and the latest tickets are not read again for it.
    const still = { ok: true, data: undefined } as const;
    const [readings, waitingLists, settings, tickets] = await Promise.all([
      readClients(this.services),
      readWaitingLists(this.services),
      refresh ? still : this.services.read<unknown>('ingress', `/admin/clients/${path}/settings`),
      refresh ? still : this.services.read<TicketFound[]>('gateway', `/admin/tickets?client=${path}`),
    ]);
    const client = clientOverviews(readings).find((overview) => overview.clientId === clientId);
    if (!client) throw new NotFoundException(`no service knows a client "${clientId}"`);
    return this.views.render(
      'client',
      { title: clientId, section: 'clients', signedIn, problems: problemsOf([...Object.values(readings), ...Object.values(waitingLists), settings, tickets]) },
      {
        client,
        waiting: waitingItems(waitingLists, { clientId }),
        tickets: tickets.ok ? (tickets.data ?? []) : [],
        settings: settings.ok ? JSON.stringify(settings.data, null, 2) : undefined,
      },
    );
  }
}

function filterOf(query: Record<string, unknown>): ClientFilter {
  const health = CLIENT_HEALTHS.find((candidate) => candidate === query.health) as ClientHealth | undefined;
  const sort = Object.hasOwn(CLIENT_SORTS, String(query.sort)) ? (query.sort as ClientSort) : undefined;
  return { text: typeof query.q === 'string' ? query.q.slice(0, 100) : undefined, health, sort, descending: query.order === 'desc' };
}
