import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { assertUnreachable } from '@bridge/errors';
import type { Response } from 'express';
import { TangoeSandboxError } from './tangoe-sandbox.error';

/** Rails-style answers: 422 `{ "errors": { field: [messages] } }`, 404 `{ "error": "Not Found", "message" }`. */
@Catch(TangoeSandboxError)
export class TangoeSandboxErrorFilter implements ExceptionFilter<TangoeSandboxError> {
  catch(error: TangoeSandboxError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    switch (error.code) {
      case 'invalid':
        response.status(422).json({ errors: error.fields });
        return;
      case 'not_found':
        response.status(404).json({ error: 'Not Found', message: error.message, ...(Object.keys(error.fields).length > 0 ? { errors: error.fields } : {}) });
        return;
      default:
        assertUnreachable(error.code);
    }
  }
}
