import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import { assertUnreachable } from '@bridge/errors';
import { GatewayError, GatewayErrorCode } from '../gateway.error';

/** The gateway's errors as its admin API answers them, `{ "error": code, "message" }`, for the controllers that use it. */
@Catch(GatewayError)
export class GatewayErrorFilter implements ExceptionFilter<GatewayError> {
  catch(error: GatewayError, host: ArgumentsHost): void {
    host.switchToHttp().getResponse<Response>().status(httpStatusOf(error.code)).json({ error: error.code, message: error.message });
  }
}

/** The one place a gateway error code becomes an HTTP status. */
export function httpStatusOf(code: GatewayErrorCode): HttpStatus {
  switch (code) {
    case 'unknown_client':
    case 'unknown_ticket':
      return HttpStatus.NOT_FOUND;
    case 'not_a_ticket':
      return HttpStatus.BAD_REQUEST;
    // Only a consumer meets it; were an admin route to, the push is what cannot be processed.
    case 'unreadable_push':
      return HttpStatus.UNPROCESSABLE_ENTITY;
    // Refusals of what the ticket's state does not allow now: a resumed client, a repair that no longer applies.
    case 'client_held':
    case 'not_linked':
    case 'request_mismatch':
    case 'client_own_state':
    case 'unknown_state':
      return HttpStatus.CONFLICT;
    default:
      return assertUnreachable(code);
  }
}
