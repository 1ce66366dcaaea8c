/**
 * The one shape of the bridge's errors (STYLE.md §4, ADR 21): a code from its module's exhaustive list, whether
 * trying again can help, and what caused it (the standard `Error` cause). Each module has its own subclass and code
 * union; the messaging layer decides retry or park from `retriable` alone, and only controllers turn a code into
 * an HTTP status.
 */
export abstract class BridgeError<Code extends string = string> extends Error {
  readonly retriable: boolean;

  protected constructor(
    readonly code: Code,
    message: string,
    options: { retriable: boolean; cause?: unknown },
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.retriable = options.retriable;
  }
}

/** Ends an exhaustive `switch` over a code union: a code added to the union and not handled fails to compile. */
export function assertUnreachable(value: never): never {
  throw new Error(`unhandled case ${String(value)}`);
}

/**
 * A failure in a few words, for the bridge's own messages and logs about it: one of the bridge's errors by its
 * message, a foreign one (a socket's, axios's) by its code when it has one (ECONNREFUSED), else by its message.
 */
export function describeFailure(error: unknown): string {
  if (error instanceof BridgeError) return error.message;
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && code !== '') return code;
  return error instanceof Error ? error.message : String(error);
}
