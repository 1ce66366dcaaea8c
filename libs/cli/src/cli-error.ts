import { BridgeError } from '@bridge/errors';

export type CliErrorCode = 'invalid_input';

/** A problem with the user's input (or a service's refusal of it): one line on stderr, exit code 2. */
export class CliError extends BridgeError<CliErrorCode> {
  readonly exitCode = 2;

  constructor(message: string) {
    super('invalid_input', message, { retriable: false });
  }
}
