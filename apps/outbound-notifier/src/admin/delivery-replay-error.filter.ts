import { HttpStatus } from '@nestjs/common';
import { assertUnreachable } from '@bridge/errors';
import { errorAnswerFilter } from '@bridge/platform';
import { DeliveryReplayError } from '../deliveries/delivery-replay.error';

/** A delivery's replay refused, as the admin API answers it: the configuration does not allow it (409), its template fails (422). */
export const DeliveryReplayErrorFilter = errorAnswerFilter(DeliveryReplayError, (error) => {
  switch (error.code) {
    case 'not_deliverable':
      return HttpStatus.CONFLICT;
    case 'template_failed':
      return HttpStatus.UNPROCESSABLE_ENTITY;
    default:
      return assertUnreachable(error.code);
  }
});
