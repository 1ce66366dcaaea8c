import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable } from './database.port';
import { toPersistenceError } from './persistence-error';

/**
 * Embedded PostgreSQL for the standalone run. PGlite is one connection per data folder, and the standalone run
 * hosts every service in one process, so services share one instance per folder: each view sets its own
 * search_path before each statement or transaction, and a mutex keeps views from interleaving.
 */
interface SharedInstance {
  db: PGlite;
  views: number;
  /** Tail of the queue of work on this connection. */
  tail: Promise<unknown>;
}

const instances = new Map<string, SharedInstance>();

/**
 * Work already holding an instance's connection (inside a transaction). Its own queries, and transactions it
 * opens, join that transaction instead of queuing behind it, which on one connection would wait forever. On a
 * real PostgreSQL such a query runs on another pooled connection; PGlite has only one.
 */
const holding = new AsyncLocalStorage<SharedInstance>();
const MEMORY = ':memory:';

export class PgliteDatabase implements Database {
  readonly kind = 'pglite' as const;
  private closed = false;

  private constructor(private readonly key: string, private readonly shared: SharedInstance, readonly schema: string) {}

  static async open(dataDir: string | undefined, schema: string): Promise<PgliteDatabase> {
    // In-memory databases are private to their opener; folders are shared.
    const key = dataDir ?? `${MEMORY}${Math.random()}`;
    let shared = instances.get(key);
    if (!shared) {
      if (dataDir) mkdirSync(dataDir, { recursive: true });
      const db = new PGlite(dataDir);
      await db.waitReady;
      shared = { db, views: 0, tail: Promise.resolve() };
      instances.set(key, shared);
    }
    shared.views += 1;
    return new PgliteDatabase(key, shared, schema);
  }

  query<R>(sql: string, params?: readonly unknown[]): Promise<{ rows: R[]; rowCount: number }> {
    if (holding.getStore() === this.shared) return this.inSchema(() => this.run<R>(sql, params));
    return this.exclusive(async () => {
      await this.shared.db.exec(`set search_path to "${this.schema}", public`);
      return this.run<R>(sql, params);
    });
  }

  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const tx: Queryable = { query: (sql, params) => this.inSchema(() => this.run(sql, params)) };
    if (holding.getStore() === this.shared) return fn(tx);
    return this.exclusive(() =>
      holding.run(this.shared, async () => {
        await this.shared.db.exec(`set search_path to "${this.schema}", public`);
        await this.run('begin');
        try {
          const result = await fn(tx);
          await this.run('commit');
          return result;
        } catch (error) {
          await this.run('rollback').catch(() => undefined);
          throw error;
        }
      }),
    );
  }

  /** Another service's view may share the connection: each statement runs in this view's schema. */
  private async inSchema<R>(work: () => Promise<R>): Promise<R> {
    await this.shared.db.exec(`set search_path to "${this.schema}", public`);
    return work();
  }

  async ping(): Promise<void> {
    await this.query('select 1');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.shared.views -= 1;
    if (this.shared.views === 0) {
      instances.delete(this.key);
      await this.exclusive(() => this.shared.db.close());
    }
  }

  private async run<R>(sql: string, params?: readonly unknown[]): Promise<{ rows: R[]; rowCount: number }> {
    try {
      if (params && params.length > 0) {
        const result = await this.shared.db.query<R>(sql, params as unknown[]);
        return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
      }
      // exec runs several statements (migrations); the last one's rows are the answer.
      const results = await this.shared.db.exec(sql);
      const last = results[results.length - 1];
      return { rows: (last?.rows ?? []) as R[], rowCount: last?.affectedRows ?? last?.rows.length ?? 0 };
    } catch (error) {
      throw toPersistenceError(error);
    }
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.shared.tail.then(work, work);
    this.shared.tail = result.catch(() => undefined);
    return result;
  }
}
