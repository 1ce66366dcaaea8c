import { HttpStatus } from '@nestjs/common';
import { assertUnreachable } from '@bridge/errors';
import { errorAnswerFilter } from '../error-answer.filter';
import { ParkedError } from './parked.error';

/** A `ParkedError` as the admin API answers it. */
export const ParkedErrorFilter = errorAnswerFilter(ParkedError, (error) => {
  switch (error.code) {
    case 'not_parked':
      return HttpStatus.NOT_FOUND;
    default:
      return assertUnreachable(error.code);
  }
});
