import { BridgeError } from '@bridge/errors';

/** Nothing parked answers to the id: unknown, of a line this service does not hold, or already replayed. */
export type ParkedErrorCode = 'not_parked';

export class ParkedError extends BridgeError<ParkedErrorCode> {
  private constructor(code: ParkedErrorCode, message: string) {
    super(code, message, { retriable: false });
  }

  static notParked(id: string): ParkedError {
    return new ParkedError('not_parked', `nothing parked here has the id ${id}`);
  }
}
