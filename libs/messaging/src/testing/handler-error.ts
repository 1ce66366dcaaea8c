import { BridgeError } from '@bridge/errors';

/** A handler's failure shaped as every module's errors are, for tests of what the messaging layer does with one. */
export class HandlerError extends BridgeError {
  constructor(code: string, message: string, options: { retriable: boolean }) {
    super(code, message, options);
  }
}
