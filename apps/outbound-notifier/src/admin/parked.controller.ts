import { Controller, UseFilters } from '@nestjs/common';
import { ParkedDeadLetters, ParkedController, ParkedErrorFilter } from '@bridge/platform';
import { ParkedDeliveries } from '../deliveries/parked-deliveries';
import { DeliveryReplayErrorFilter } from './delivery-replay-error.filter';

/** What is parked at the notifier, one list and one replay: its deliveries and its group's dead letters. */
@Controller('admin/parked')
@UseFilters(ParkedErrorFilter, DeliveryReplayErrorFilter)
export class NotifierParkedController extends ParkedController {
  constructor(deliveries: ParkedDeliveries, deadLetters: ParkedDeadLetters) {
    super([deliveries, deadLetters]);
  }
}
