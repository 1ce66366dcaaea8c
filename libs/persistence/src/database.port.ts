/** What repositories need of a database: SQL in, rows out. Both engines run the same SQL behind it. */
export interface Queryable {
  /**
   * Without params the SQL may hold several statements (migrations do); the last one's rows are returned.
   * `rowCount` is the number of rows a DML statement touched, or the number of rows a query returned.
   * Types come back alike on both engines: bigint as string, jsonb parsed, timestamptz as Date.
   */
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<{ rows: R[]; rowCount: number }>;
}

export interface QueryOptions {
  /**
   * Names a statement run often with one text, so PostgreSQL parses and plans it once per connection, not on every
   * run (a claim's planning took longer than its execution). One name, one text, in every process: never for SQL
   * whose text varies. The embedded database ignores it.
   */
  prepared?: string;
}

/** The rows of a statement, as `Queryable.query` answers. */
export type QueryRows<R = Record<string, unknown>> = { rows: R[]; rowCount: number };

export interface Database extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /** Every statement runs with search_path = this schema, then public. */
  readonly schema: string;
  /**
   * Runs `fn` in one transaction on one connection: COMMIT when it resolves, ROLLBACK when it throws. `opening`:
   * statements without parameters (their values written with `sqlLiteral`) sent in the same round trip as BEGIN,
   * each run after the one before it has finished, with a snapshot of its own; `fn` is given the last one's rows.
   */
  transaction<T>(fn: (tx: Queryable, opened: QueryRows) => Promise<T>, opening?: string): Promise<T>;
  /**
   * Runs `fn` while holding `key` against every other holder of it, in this process and in any other on the same
   * database, for work that calls out (HTTP) and so cannot hold a transaction open. Released when `fn` settles, or
   * when the process (its lock connection) dies. A lock connection cut mid-way (a PostgreSQL restart) releases the
   * lock while `fn` runs on: callers keep their own check against doing a thing twice.
   */
  exclusive<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** A cheap round trip, for readiness probes. */
  ping(): Promise<void>;
  /** Idempotent; later calls to query/transaction fail with code `closed`. */
  close(): Promise<void>;
}

/** A real PostgreSQL through a pool, or embedded PGlite kept in `dataDir` (in memory without one). */
export type DatabaseTarget = { kind: 'postgres'; url: string; poolSize?: number } | { kind: 'pglite'; dataDir?: string };

/** One step of a schema's history. Append new versions; never edit one that may have been applied. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export interface OpenDatabaseOptions {
  /** The service's own schema; created if absent. Must match /^[a-z_][a-z0-9_]{0,62}$/. */
  schema: string;
  migrations: readonly Migration[];
  /** Shown in pg_stat_activity, so an operator can tell which service holds a connection. */
  applicationName?: string;
}
