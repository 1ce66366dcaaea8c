import { BridgeError } from '@bridge/errors';

/** The ways an event can break its contract. */
export type ContractErrorCode = 'invalid_event';

/** Raised when an event does not satisfy its contract. Never retriable: the same bytes fail the same way. */
export class EventValidationError extends BridgeError<ContractErrorCode> {
  constructor(
    readonly eventType: string,
    /** Dotted paths of the offending fields, e.g. "data.supportRequest.requestType". */
    readonly fields: readonly string[],
    problems: readonly string[],
  ) {
    super('invalid_event', `${eventType} event is invalid: ${problems.join('; ')}`, { retriable: false });
  }
}
