/** A database failure, with the retry decision made from PostgreSQL's SQLSTATE; never carries the connection string. */
export class PersistenceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retriable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PersistenceError';
  }
}

/** Connection loss, shutdown, too many connections, serialization failures and deadlocks pass; a retry may succeed. */
const RETRIABLE_SQLSTATE = /^(08|53|57P|40001|40P01)/;
const RETRIABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

export function toPersistenceError(error: unknown): PersistenceError {
  if (error instanceof PersistenceError) return error;
  const raw = error as { code?: string; message?: string };
  const code = typeof raw?.code === 'string' ? raw.code : 'unknown';
  const retriable = RETRIABLE_SQLSTATE.test(code) || RETRIABLE_NODE_CODES.has(code) || /Connection terminated|connection timeout/i.test(raw?.message ?? '');
  return new PersistenceError(`db_${code}`, `database: ${redact(raw?.message ?? String(error))}`, retriable, { cause: error });
}

/** Driver messages may quote a connection string; its password must not travel on. */
function redact(message: string): string {
  return message.replace(/(postgres(?:ql)?:\/\/[^:\s/]+:)[^@\s]+@/gi, '$1[redacted]@');
}
