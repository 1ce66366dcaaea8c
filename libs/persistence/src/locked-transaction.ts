import type { Database, Queryable } from './database.port';

/**
 * Runs `fn` in one transaction that first takes PostgreSQL's transaction-scoped advisory lock on `key`: holders of a
 * key, in this process or any other on the database, run one after the other, and COMMIT or ROLLBACK releases it.
 * The one-key form, apart from `Database.exclusive`'s two-key form, so the two never block each other. A pooled
 * connection is held until `fn` settles: for short decisions; work that calls out for long takes `Database.exclusive`.
 */
export function lockedTransaction<T>(database: Pick<Database, 'transaction'>, key: string, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return database.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [key]);
    return fn(tx);
  });
}
