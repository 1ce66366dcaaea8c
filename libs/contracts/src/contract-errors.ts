/** Raised when an event does not satisfy its contract. Never retriable: the same bytes fail the same way. */
export class EventValidationError extends Error {
  readonly code = 'invalid_event';
  readonly retriable = false;

  constructor(
    readonly eventType: string,
    /** Dotted paths of the offending fields, e.g. "data.supportRequest.requestType". */
    readonly fields: readonly string[],
    problems: readonly string[],
  ) {
    super(`${eventType} event is invalid: ${problems.join('; ')}`);
    this.name = 'EventValidationError';
  }
}
