import { mkdirSync } from 'node:fs';
import { PGlite, type Results } from '@electric-sql/pglite';
import { AsyncMutex } from './async-mutex';
import { toPersistenceError } from './driver-error.mapper';
import { PersistenceError } from './persistence-error';
import { quoteIdentifier } from './schema-name.validator';

type Rows<R> = { rows: R[]; rowCount: number };

/**
 * node-postgres answers bigint (int8, and int8[] through it) as strings, since a JS number loses precision above
 * 2^53, and bytea as Buffer. PGlite answers numbers and Uint8Array; parsing alike keeps code that passed on one
 * engine passing on the other.
 */
const PG_COMPATIBLE_PARSERS = {
  20: (value: string) => value,
  17: (value: string) => Buffer.from(value.slice(2), 'hex'),
};

/**
 * One embedded PGlite: a single connection, possibly shared by several schemas' views (see the registry). Callers
 * hold `lane` (or run inside a transaction that holds it) around `execute`, so statements never interleave.
 */
export class PgliteConnection {
  readonly lane = new AsyncMutex();
  /** The search_path last set on the connection, so a view only pays for a SET when the schema changes. */
  private searchPath: string | undefined;

  private constructor(private readonly pglite: PGlite) {}

  static async open(dataDir: string | undefined): Promise<PgliteConnection> {
    try {
      if (dataDir) mkdirSync(dataDir, { recursive: true });
      return new PgliteConnection(await PGlite.create({ dataDir, parsers: PG_COMPATIBLE_PARSERS }));
    } catch (error) {
      const cause = toPersistenceError(error);
      throw new PersistenceError('open_failed', `could not open the embedded database ${dataDir ? `in ${dataDir}` : 'in memory'}: ${cause.message}`, { cause });
    }
  }

  /** Runs one statement (or, without params, a script) in `schema`. The caller holds the connection. */
  async execute<R>(schema: string, sql: string, params?: readonly unknown[]): Promise<Rows<R>> {
    try {
      if (this.searchPath !== schema) {
        await this.pglite.exec(`set search_path to ${quoteIdentifier(schema)}, public`);
        this.searchPath = schema;
      }
      if (params && params.length > 0) return rowsOf<R>(await this.pglite.query<R>(sql, params as unknown[]));
      // Like pg's simple query protocol: several statements allowed, the last one's rows are the answer.
      const results = await this.pglite.exec(sql);
      return rowsOf<R>(results[results.length - 1]);
    } catch (error) {
      throw toPersistenceError(error);
    } finally {
      // The statement may have changed the path itself; find out again next time rather than assume.
      if (/search_path/i.test(sql)) this.searchPath = undefined;
    }
  }

  /**
   * A ROLLBACK (to a savepoint, too) undoes a SET made inside the transaction, and the SET of another view that
   * joined it: after any transaction ends the path is set afresh.
   */
  forgetSearchPath(): void {
    this.searchPath = undefined;
  }

  /** Waits for the work already queued, so closing never cuts a transaction short. */
  close(): Promise<void> {
    return this.lane.run(async () => {
      if (!this.pglite.closed) await this.pglite.close();
    });
  }
}

function rowsOf<R>(result: Results<R> | Results | undefined): Rows<R> {
  if (!result) return { rows: [], rowCount: 0 };
  const rows = result.rows as R[];
  // PGlite 0.5 reports the command tag's count (as pg's rowCount does); affectedRows sums a whole script.
  return { rows, rowCount: result.rowCount ?? result.affectedRows ?? rows.length };
}
