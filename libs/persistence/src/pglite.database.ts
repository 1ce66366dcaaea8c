import { AsyncLocalStorage } from 'node:async_hooks';
import { KeyedMutex } from './keyed-mutex';
import { AsyncMutex } from './async-mutex';
import type { Database, Queryable, QueryRows } from './database.port';
import { PersistenceError } from './persistence-error';
import type { PgliteConnection } from './pglite-connection';
import { acquirePglite, type PgliteLease } from './pglite-instance.registry';

/** A transaction holding a PGlite connection, as seen by the code running inside it. */
interface TransactionScope {
  readonly connection: PgliteConnection;
  /** False once COMMIT or ROLLBACK ran: work that outlived the transaction queues like anyone else. */
  active: boolean;
  /** Keeps "set search_path, then the statement" pairs of concurrent statements inside it from interleaving. */
  readonly statements: AsyncMutex;
  savepoints: number;
}

/**
 * On a real PostgreSQL, `database.query()` or a second `transaction()` called from inside a transaction simply
 * takes another pooled connection. PGlite has one connection, which the transaction holds, so queuing behind it
 * would wait forever. Instead such calls join the running transaction (a nested `transaction()` becomes a
 * savepoint, so it still rolls back on its own). Tracked per async context, so unrelated callers still queue.
 */
const transactionScope = new AsyncLocalStorage<TransactionScope>();

/**
 * One schema's view of a (possibly shared) embedded PGlite, for the standalone run and quick local starts. Every
 * statement runs with this view's search_path, set when the previous statement on the connection used another.
 */
export class PgliteDatabase implements Database {
  readonly kind = 'pglite' as const;
  private closed = false;
  private readonly exclusives = new KeyedMutex();

  private constructor(
    private readonly lease: PgliteLease,
    readonly schema: string,
  ) {}

  /** `schema` must already be validated: it is written into SET statements. */
  static async open(dataDir: string | undefined, schema: string): Promise<PgliteDatabase> {
    return new PgliteDatabase(await acquirePglite(dataDir), schema);
  }

  private get connection(): PgliteConnection {
    return this.lease.connection;
  }

  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<{ rows: R[]; rowCount: number }> {
    if (this.closed) return Promise.reject(this.closedError());
    const scope = this.joinableScope();
    if (scope) return scope.statements.run(() => this.connection.execute<R>(this.schema, sql, params));
    return this.connection.lane.run(() => this.connection.execute<R>(this.schema, sql, params));
  }

  transaction<T>(fn: (tx: Queryable, opened: QueryRows) => Promise<T>, opening?: string): Promise<T> {
    if (this.closed) return Promise.reject(this.closedError());
    const joined = this.joinableScope();
    if (joined) return this.savepoint(joined, fn, opening);
    return this.connection.lane.run(() => {
      const scope: TransactionScope = { connection: this.connection, active: true, statements: new AsyncMutex(), savepoints: 0 };
      return transactionScope.run(scope, () => this.runTransaction(scope, fn, opening));
    });
  }

  /** One embedded database is one process's: keeping this process's holders apart keeps them all apart. */
  exclusive<T>(key: string, fn: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(this.closedError());
    return this.exclusives.run(key, fn);
  }

  async ping(): Promise<void> {
    await this.query('select 1');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.lease.release();
  }

  private async runTransaction<T>(scope: TransactionScope, fn: (tx: Queryable, opened: QueryRows) => Promise<T>, opening?: string): Promise<T> {
    const run = (sql: string) => scope.statements.run(() => this.connection.execute<Record<string, unknown>>(this.schema, sql));
    try {
      await run('begin');
      // In process, a round trip costs nothing: the opening runs as a statement of its own.
      const opened = opening ? await run(opening) : { rows: [], rowCount: 0 };
      const result = await fn(this.boundTo(scope, () => scope.active), opened);
      await run('commit');
      return result;
    } catch (error) {
      await run('rollback').catch(() => undefined);
      throw error;
    } finally {
      scope.active = false;
      this.connection.forgetSearchPath();
    }
  }

  private async savepoint<T>(scope: TransactionScope, fn: (tx: Queryable, opened: QueryRows) => Promise<T>, opening?: string): Promise<T> {
    const name = `bridge_savepoint_${++scope.savepoints}`;
    const run = (sql: string) => scope.statements.run(() => this.connection.execute<Record<string, unknown>>(this.schema, sql));
    let open = true;
    await run(`savepoint ${name}`);
    try {
      const opened = opening ? await run(opening) : { rows: [], rowCount: 0 };
      const result = await fn(this.boundTo(scope, () => open && scope.active), opened);
      await run(`release savepoint ${name}`);
      return result;
    } catch (error) {
      await run(`rollback to savepoint ${name}`).catch(() => undefined);
      this.connection.forgetSearchPath();
      throw error;
    } finally {
      open = false;
    }
  }

  /** The `tx` handed to transaction code: its statements go to that transaction only while it is open. */
  private boundTo(scope: TransactionScope, isOpen: () => boolean): Queryable {
    return {
      query: <R>(sql: string, params?: readonly unknown[]) => {
        if (!isOpen()) return Promise.reject(new PersistenceError('closed', 'the transaction has already ended'));
        return scope.statements.run(() => this.connection.execute<R>(this.schema, sql, params));
      },
    };
  }

  private joinableScope(): TransactionScope | undefined {
    const scope = transactionScope.getStore();
    return scope && scope.active && scope.connection === this.connection ? scope : undefined;
  }

  private closedError(): PersistenceError {
    return new PersistenceError('closed', `the database of schema ${this.schema} is closed`);
  }
}
