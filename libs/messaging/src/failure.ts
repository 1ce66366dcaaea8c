import { BridgeError } from '@bridge/errors';

/**
 * The one place that decides retry versus park (STYLE.md §4). The bridge's errors say so themselves (`BridgeError`:
 * its code and `retriable`); any other failure is a bug or a foreign library's and is assumed transient, because
 * parking what would have succeeded a second later is worse than one more try.
 */
export interface Failure {
  code: string;
  message: string;
  retriable: boolean;
}

export function classifyFailure(error: unknown): Failure {
  if (error instanceof BridgeError) return { code: error.code, message: error.message, retriable: error.retriable };
  return { code: 'handler_failed', message: error instanceof Error ? error.message : String(error), retriable: true };
}

export type MessagingErrorCode = 'publish_failed' | 'not_connected' | 'subscribe_failed' | 'read_failed' | 'acls_refused';

/** Errors of the messaging layer itself (the broker unreachable, a publish not acknowledged): all of the moment. */
export class MessagingError extends BridgeError<MessagingErrorCode> {
  constructor(code: MessagingErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, { retriable: true, cause: options?.cause });
  }
}
