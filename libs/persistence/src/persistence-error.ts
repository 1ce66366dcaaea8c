import { BridgeError, assertUnreachable } from '@bridge/errors';

/**
 * What went wrong, in words callers can branch on. The retry decision (STYLE.md §4) follows from the code, so the
 * messaging layer can read `retriable` instead of guessing from driver messages.
 */
export type PersistenceErrorCode =
  /** The server cannot be reached, went away, is shutting down or has no connection slot left. */
  | 'unavailable'
  /** A statement waited too long for a lock or was cancelled. */
  | 'timeout'
  /** 40001: a concurrent transaction won; running the whole transaction again normally succeeds. */
  | 'serialization_failure'
  /** 40P01: PostgreSQL chose this transaction as the deadlock victim. */
  | 'deadlock'
  /** 23505: the row already exists. */
  | 'unique_violation'
  /** Any other integrity constraint (foreign key, not null, check). */
  | 'constraint_violation'
  /** Anything else a statement can fail with: bad SQL, missing table, bad data. Retrying will not help. */
  | 'query_failed'
  /** A bad schema name, database URL, pool size, credentials or database name. */
  | 'invalid_configuration'
  /** The embedded database folder cannot be opened (used by another version, not a PGlite folder). */
  | 'open_failed'
  /** The migration list itself is wrong: duplicate or decreasing versions, empty names or SQL. */
  | 'migrations_invalid'
  /** An applied migration's SQL differs from the code's, or a new one sorts before an applied one. */
  | 'migration_changed'
  /** A migration's SQL failed; the transaction holding it was rolled back. */
  | 'migration_failed'
  /** The database (or the transaction) was already closed. */
  | 'closed';

export class PersistenceError extends BridgeError<PersistenceErrorCode> {
  /** PostgreSQL's SQLSTATE when the server answered, for the rare caller that needs more than `code`. */
  readonly sqlState?: string;

  constructor(code: PersistenceErrorCode, message: string, options: { cause?: unknown; sqlState?: string; retriable?: boolean } = {}) {
    super(code, message, { retriable: options.retriable ?? isRetriable(code), cause: options.cause });
    this.sqlState = options.sqlState;
  }
}

/** Only failures of the moment are worth another try; a retried bug fails the same way. */
export function isRetriable(code: PersistenceErrorCode): boolean {
  switch (code) {
    case 'unavailable':
    case 'timeout':
    case 'serialization_failure':
    case 'deadlock':
      return true;
    case 'unique_violation':
    case 'constraint_violation':
    case 'query_failed':
    case 'invalid_configuration':
    case 'open_failed':
    case 'migrations_invalid':
    case 'migration_changed':
    case 'migration_failed':
    case 'closed':
      return false;
    default:
      return assertUnreachable(code);
  }
}
