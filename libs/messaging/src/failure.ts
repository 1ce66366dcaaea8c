import { EventValidationError } from '@bridge/contracts';

/**
 * The one place that decides retry versus park (STYLE.md §4). Errors say so themselves through `retriable`; an
 * error that says nothing is assumed transient, because parking what would have succeeded a second later is worse
 * than one more try.
 */
export interface Failure {
  code: string;
  message: string;
  retriable: boolean;
}

export function classifyFailure(error: unknown): Failure {
  if (error instanceof EventValidationError) {
    return { code: error.code, message: error.message, retriable: false };
  }
  if (error instanceof Error) {
    const tagged = error as Error & { code?: unknown; retriable?: unknown };
    return {
      code: typeof tagged.code === 'string' ? tagged.code : 'handler_failed',
      message: error.message,
      retriable: tagged.retriable !== false,
    };
  }
  return { code: 'handler_failed', message: String(error), retriable: true };
}

/** Errors of the messaging layer itself (the broker unreachable, a publish not acknowledged). */
export class MessagingError extends Error {
  readonly retriable = true;

  constructor(
    readonly code: 'publish_failed' | 'not_connected' | 'subscribe_failed',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MessagingError';
  }
}
