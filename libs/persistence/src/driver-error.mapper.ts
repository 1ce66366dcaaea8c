import { PersistenceError, type PersistenceErrorCode } from './persistence-error';

/** Socket-level failures: the server may be back a moment later. */
const UNREACHABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** node-postgres reports a lost or timed-out connection by message only, with no code. */
const UNREACHABLE_MESSAGE = /connection terminated|connection timeout|timeout exceeded when trying to connect|connection error and is not queryable|not queryable/i;
const CLOSED_MESSAGE = /cannot use a pool after calling end|client was closed|pglite is closed|database is closed/i;

/**
 * Wraps whatever pg or PGlite threw into a PersistenceError whose code and `retriable` come from the SQLSTATE (or
 * the socket error), keeping the original as `cause` unless its message had to be redacted.
 */
export function toPersistenceError(error: unknown): PersistenceError {
  if (error instanceof PersistenceError) return error;
  const raw = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; message?: unknown; errors?: unknown };
  const driverCode = typeof raw.code === 'string' ? raw.code : undefined;
  const sqlState = driverCode && /^[0-9A-Z]{5}$/.test(driverCode) ? driverCode : undefined;
  const original = messageOf(error, raw, driverCode);
  const message = redactSecrets(original);
  const code = sqlState ? codeForSqlState(sqlState) : codeForDriverFailure(driverCode, original);
  // A cause that quoted a secret must not travel on either (loggers print causes).
  const cause = message === original ? error : Object.assign(new Error(message), { code: driverCode });
  return new PersistenceError(code, message, { cause, sqlState });
}

export function codeForSqlState(sqlState: string): PersistenceErrorCode {
  if (sqlState === '40001') return 'serialization_failure';
  if (sqlState === '40P01') return 'deadlock';
  if (sqlState === '23505') return 'unique_violation';
  if (sqlState.startsWith('23')) return 'constraint_violation';
  // 08: connection exceptions; 57P01-03: admin/crash shutdown, cannot connect now; 53300: too many connections.
  if (sqlState.startsWith('08') || /^57P0[123]$/.test(sqlState) || sqlState === '53300') return 'unavailable';
  // 55P03: lock not available (lock_timeout); 57014: statement cancelled (statement_timeout).
  if (sqlState === '55P03' || sqlState === '57014') return 'timeout';
  // 28: bad credentials; 3D000: no such database. Retrying cannot fix either.
  if (sqlState.startsWith('28') || sqlState === '3D000') return 'invalid_configuration';
  return 'query_failed';
}

function codeForDriverFailure(driverCode: string | undefined, message: string): PersistenceErrorCode {
  if (driverCode && UNREACHABLE_NODE_CODES.has(driverCode)) return 'unavailable';
  if (CLOSED_MESSAGE.test(message)) return 'closed';
  if (UNREACHABLE_MESSAGE.test(message)) return 'unavailable';
  return 'query_failed';
}

function messageOf(error: unknown, raw: { message?: unknown; errors?: unknown }, driverCode: string | undefined): string {
  if (typeof raw.message === 'string' && raw.message) return raw.message;
  // Node reports a failed dual-stack connect as an AggregateError with an empty message.
  if (Array.isArray(raw.errors) && raw.errors.length > 0) {
    const first = raw.errors[0] as { message?: unknown };
    if (typeof first?.message === 'string' && first.message) return first.message;
  }
  return driverCode ?? String(error);
}

/** Driver messages may quote a connection string; its password must not reach logs or HTTP answers. */
export function redactSecrets(message: string): string {
  return message
    .replace(/(postgres(?:ql)?:\/\/[^:@\s/]*:)[^@\s]*@/gi, '$1[redacted]@')
    .replace(/(password\s*=\s*)('[^']*'|\S+)/gi, '$1[redacted]');
}
