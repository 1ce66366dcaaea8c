import { Controller, Get, Header, Query, UseGuards } from '@nestjs/common';
import { MAX_ITEMS_PER_REPLAY } from '../actions/action-request';
import { ConsoleSessionGuard, Operator, SignedIn } from '../auth/console-session.guard';
import { BridgeServices, problemsOf } from '../peers/bridge-services';
import { ConsoleViews } from '../views/console-views';
import { HOLDERS, Holder, WaitingFilter, waitingItems } from './waiting-list';
import { readWaitingLists } from './waiting-readings';

/** The most items the list shows, oldest first: a page a browser draws at once, and a replay's most (MAX_ITEMS_PER_REPLAY). */
const WAITING_SHOWN = MAX_ITEMS_PER_REPLAY;

/** Everything that waits for an operator, in one list, with replay of one or many (`/actions/replay`). */
@Controller('waiting')
@UseGuards(ConsoleSessionGuard)
export class WaitingController {
  constructor(
    private readonly services: BridgeServices,
    private readonly views: ConsoleViews,
  ) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  async list(@Operator() signedIn: SignedIn, @Query('client') client: unknown, @Query('holder') holder: unknown) {
    const filter: WaitingFilter = {
      clientId: typeof client === 'string' && client !== '' ? client.slice(0, 63) : undefined,
      holder: HOLDERS.find((candidate) => candidate === holder) as Holder | undefined,
    };
    const readings = await readWaitingLists(this.services);
    const items = waitingItems(readings, filter);
    return this.views.render(
      'waiting',
      { title: 'Waiting', section: 'waiting', signedIn, problems: problemsOf(Object.values(readings)) },
      { items: items.slice(0, WAITING_SHOWN), total: items.length, filter, holders: HOLDERS, now: new Date().toISOString() },
    );
  }
}
