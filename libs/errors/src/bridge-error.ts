/**
 * The one shape of the bridge's errors (STYLE.md §4, ADR 20): a code from its module's exhaustive list, whether
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
 * What a foreign failure (a socket's, axios's, the file system's) says in one word when it has one (its `code`,
 * e.g. ECONNREFUSED), else its message: for the bridge's own messages about it.
 */
export function codeOrMessage(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && code !== '') return code;
  return error instanceof Error ? error.message : String(error);
}
