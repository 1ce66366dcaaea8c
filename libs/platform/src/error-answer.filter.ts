import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus, Type } from '@nestjs/common';
import type { Response } from 'express';
import type { BridgeError } from '@bridge/errors';

/**
 * An exception filter that answers one module's errors as the admin APIs do, `{ "error": code, "message" }`, with
 * the status the module's controllers give its code (an exhaustive switch there, ending in `assertUnreachable`).
 */
export function errorAnswerFilter<E extends BridgeError>(errorType: Function & { prototype: E }, statusOf: (error: E) => HttpStatus): Type<ExceptionFilter> {
  @Catch(errorType as Type<E>)
  class ErrorAnswerFilter implements ExceptionFilter<E> {
    catch(error: E, host: ArgumentsHost): void {
      host.switchToHttp().getResponse<Response>().status(statusOf(error)).json({ error: error.code, message: error.message });
    }
  }
  return ErrorAnswerFilter;
}
