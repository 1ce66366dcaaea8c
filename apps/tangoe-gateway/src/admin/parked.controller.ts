import { Controller, UseFilters } from '@nestjs/common';
import { ParkedDeadLetters, ParkedController, ParkedErrorFilter } from '@bridge/platform';
import { ParkedTicketEvents } from '../tickets/parked-ticket-events';
import { GatewayErrorFilter } from './gateway-error.filter';

/** What is parked at the gateway, one list and one replay: its tickets' parked events and its group's dead letters. */
@Controller('admin/parked')
@UseFilters(ParkedErrorFilter, GatewayErrorFilter)
export class GatewayParkedController extends ParkedController {
  constructor(tickets: ParkedTicketEvents, deadLetters: ParkedDeadLetters) {
    super([tickets, deadLetters]);
  }
}
