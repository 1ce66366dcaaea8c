import type { Database, DatabaseTarget, Migration, Queryable } from './database.port';
import { migrate } from './migrations';
import { PgliteDatabase } from './pglite-database';
import { PostgresDatabase } from './postgres-database';
import { assertSchemaName } from './schema-name';

export interface OpenOptions {
  schema: string;
  migrations: readonly Migration[];
  applicationName?: string;
}

/** Opens the service's database on either engine and brings its schema up to date before anyone uses it. */
export async function openDatabase(target: DatabaseTarget, options: OpenOptions): Promise<Database> {
  const schema = assertSchemaName(options.schema);
  const database =
    target.kind === 'postgres'
      ? new PostgresDatabase(target.url, schema, { poolSize: target.poolSize, applicationName: options.applicationName })
      : await PgliteDatabase.open(target.dataDir, schema);
  try {
    await migrate(schema, options.migrations, {
      transaction: (fn) => database.transaction(fn),
      withLock: (fn) =>
        database.transaction(async (tx: Queryable) => {
          // Replicas starting together queue here instead of racing to create the same tables.
          await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`bridge-migrate:${schema}`]);
          return fn(tx);
        }),
    });
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
  return database;
}

/** `postgres://…` means a real PostgreSQL; nothing (or `pglite:<folder>`) means embedded PGlite. */
export function databaseTargetFromUrl(url: string | undefined, dataDir?: string): DatabaseTarget {
  if (!url || url === 'pglite') return { kind: 'pglite', dataDir };
  if (url.startsWith('pglite:')) return { kind: 'pglite', dataDir: url.slice('pglite:'.length) || dataDir };
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url };
  throw new TypeError('DATABASE_URL must be postgres://…, pglite or pglite:<folder>');
}
