import { Client, type ClientConfig, Pool, type PoolClient, type QueryConfig, type QueryResult } from 'pg';
import type { Database, Queryable, QueryOptions, QueryRows } from './database.port';
import { toPersistenceError } from './driver-error.mapper';
import { PersistenceError } from './persistence-error';
import { PostgresSessionLocks } from './postgres-session-locks';

type Rows<R> = { rows: R[]; rowCount: number };

/**
 * A pooled connection that listens for 'error' all its life. The pool listens only while a connection is idle and
 * a transaction while it holds one; a connection the server cuts in a moment between (a restart) would emit
 * 'error' with nobody listening, and Node ends the process for that (the fault suite's PostgreSQL restart did, to
 * the ingress). The error still reaches the caller: the query in flight, or the next one, fails, and the pool
 * drops the connection.
 */
class AlwaysListenedClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
    this.on('error', () => undefined);
  }
}

/** A real PostgreSQL through a node-postgres pool. */
export class PostgresDatabase implements Database {
  readonly kind = 'postgres' as const;
  private readonly pool: Pool;
  private readonly locks: PostgresSessionLocks;
  private closed = false;

  /** `schema` must already be validated: it is written into the connection's startup options. */
  constructor(url: string, readonly schema: string, options: { poolSize?: number; applicationName?: string } = {}) {
    this.pool = new Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      application_name: options.applicationName,
      // Set at connection start, so every pooled connection (and every transaction on it) is in the schema
      // without an extra round trip, and no statement can run before it.
      options: `-c search_path=${schema},public`,
      connectionTimeoutMillis: 10_000,
      // Notices a silently dropped connection (a NAT or failover) before a query waits on it.
      keepAlive: true,
      Client: AlwaysListenedClient as unknown as new () => Client,
    });
    // An idle pooled connection that dies (server restart, pg_terminate_backend) is reported here; without a
    // listener Node would crash the process. The pool has already discarded the client and the next query
    // opens a new connection, so there is nothing more to do.
    this.pool.on('error', () => undefined);
    this.locks = new PostgresSessionLocks({ connectionString: url, application_name: options.applicationName ? `${options.applicationName} locks` : undefined });
  }

  async query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<Rows<R>> {
    this.assertOpen();
    try {
      return rowsOf<R>(await this.pool.query(statement(sql, params, options)));
    } catch (error) {
      throw toPersistenceError(error);
    }
  }

  async transaction<T>(fn: (tx: Queryable, opened: QueryRows) => Promise<T>, opening?: string): Promise<T> {
    this.assertOpen();
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw toPersistenceError(error);
    }
    // A connection the server cuts meanwhile (a restart, a failover) fails the transaction's next query; its
    // 'error' event is heard by AlwaysListenedClient, and the caller retries the transaction.
    const release = (destroy: boolean) => client.release(destroy);
    let finished = false;
    const run = async <R>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<Rows<R>> => {
      try {
        return rowsOf<R>(await client.query(statement(sql, params, options)));
      } catch (error) {
        throw toPersistenceError(error);
      }
    };
    const tx: Queryable = {
      query: <R>(sql: string, params?: readonly unknown[], options?: QueryOptions) => {
        // After release the client may already serve someone else's transaction.
        if (finished) return Promise.reject(new PersistenceError('closed', 'the transaction has already ended'));
        return run<R>(sql, params, options);
      },
    };
    try {
      // One simple query: BEGIN and the opening statements cost one round trip, not one each.
      const opened = await run<Record<string, unknown>>(opening ? `begin; ${opening}` : 'begin');
      const result = await fn(tx, opening ? opened : { rows: [], rowCount: 0 });
      await run('commit');
      finished = true;
      release(false);
      return result;
    } catch (error) {
      finished = true;
      // A connection that cannot even roll back is broken: destroy it rather than hand it to the next caller.
      const rolledBack = await client.query('rollback').then(
        () => true,
        () => false,
      );
      release(!rolledBack);
      throw error;
    }
  }

  exclusive<T>(key: string, fn: () => Promise<T>): Promise<T> {
    this.assertOpen();
    return this.locks.run(key, fn);
  }

  async ping(): Promise<void> {
    await this.query('select 1');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.locks.close();
    await this.pool.end();
  }

  private assertOpen(): void {
    if (this.closed) throw new PersistenceError('closed', `the database of schema ${this.schema} is closed`);
  }
}

/** node-postgres's query config: named when asked, so each connection prepares it once. */
function statement(sql: string, params: readonly unknown[] | undefined, options: QueryOptions | undefined): QueryConfig {
  return { text: sql, values: params as unknown[] | undefined, name: options?.prepared };
}

/** Several statements in one simple query answer with one result each; the last one's rows are the answer. */
function rowsOf<R>(result: QueryResult | QueryResult[]): Rows<R> {
  const last = Array.isArray(result) ? result[result.length - 1] : result;
  return { rows: (last?.rows ?? []) as R[], rowCount: last?.rowCount ?? 0 };
}
