import { BridgeError } from '@bridge/errors';
import type { FieldErrors } from './store/support-request';

export type TangoeSandboxErrorCode = 'invalid' | 'not_found';

/** Why the sandbox refused a call, as data; the exception filter alone turns it into an HTTP answer. */
export class TangoeSandboxError extends BridgeError<TangoeSandboxErrorCode> {
  constructor(
    code: TangoeSandboxErrorCode,
    message: string,
    readonly fields: FieldErrors = {},
  ) {
    super(code, message, { retriable: false });
  }

  static invalid(fields: FieldErrors): TangoeSandboxError {
    return new TangoeSandboxError('invalid', `invalid: ${Object.keys(fields).join(', ')}`, fields);
  }

  static notFound(message: string, fields?: FieldErrors): TangoeSandboxError {
    return new TangoeSandboxError('not_found', message, fields);
  }
}
