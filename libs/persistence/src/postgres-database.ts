import { Pool, PoolClient } from 'pg';
import type { Database, Queryable } from './database.port';
import { toPersistenceError } from './persistence-error';

/** node-postgres pool; every connection has the service's schema first on its search_path. */
export class PostgresDatabase implements Database {
  readonly kind = 'postgres' as const;
  private readonly pool: Pool;

  constructor(url: string, readonly schema: string, options: { poolSize?: number; applicationName?: string } = {}) {
    this.pool = new Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      application_name: options.applicationName,
      options: `-c search_path=${schema},public`,
      connectionTimeoutMillis: 10_000,
    });
    // An idle client that loses its connection emits here; without a listener the process would crash.
    this.pool.on('error', () => undefined);
  }

  async query<R>(sql: string, params?: readonly unknown[]): Promise<{ rows: R[]; rowCount: number }> {
    try {
      const result = await this.pool.query(sql, params as unknown[] | undefined);
      return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
    } catch (error) {
      throw toPersistenceError(error);
    }
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw toPersistenceError(error);
    }
    const tx: Queryable = {
      query: async <R>(sql: string, params?: readonly unknown[]) => {
        try {
          const result = await client.query(sql, params as unknown[] | undefined);
          return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
        } catch (error) {
          throw toPersistenceError(error);
        }
      },
    };
    try {
      await tx.query('begin');
      const result = await fn(tx);
      await tx.query('commit');
      client.release();
      return result;
    } catch (error) {
      // A failed rollback means the connection is broken: destroy it rather than return it to the pool.
      const rolledBack = await client.query('rollback').then(() => true, () => false);
      client.release(!rolledBack);
      throw error;
    }
  }

  async ping(): Promise<void> {
    await this.query('select 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
