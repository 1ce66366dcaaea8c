import type { Database, Queryable, QueryRows } from './database.port';
import { sqlLiteral } from './sql-literal';

/**
 * Runs `fn` in one transaction that first takes PostgreSQL's transaction-scoped advisory lock on `key`: holders of a
 * key, in this process or any other on the database, run one after the other, and COMMIT or ROLLBACK releases it.
 * The one-key form, apart from `Database.exclusive`'s two-key form, so the two never block each other. A pooled
 * connection is held until `fn` settles: for short decisions; work that calls out for long takes `Database.exclusive`.
 *
 * `firstRead`: a statement without parameters run once the lock is held, in the same round trip as BEGIN and the
 * lock (its snapshot is taken after the lock, so it sees what the previous holder committed); `fn` gets its rows.
 */
export function lockedTransaction<T>(
  database: Pick<Database, 'transaction'>,
  key: string,
  fn: (tx: Queryable, firstRead: QueryRows) => Promise<T>,
  firstRead?: string,
): Promise<T> {
  const lock = `select pg_advisory_xact_lock(hashtext(${sqlLiteral(key)}))`;
  return database.transaction(fn, firstRead ? `${lock}; ${firstRead}` : lock);
}
