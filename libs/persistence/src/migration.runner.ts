import { migrationLockKey } from './advisory-lock-key';
import type { Database, Migration, Queryable } from './database.port';
import { toPersistenceError } from './driver-error.mapper';
import { migrationChecksum } from './migration-checksum';
import { validateMigrations } from './migration-list.validator';
import { planMigrations, type AppliedMigration } from './migration-plan';
import { PersistenceError } from './persistence-error';
import { quoteIdentifier } from './schema-name.validator';

/**
 * Brings `database.schema` up to date and returns the versions it applied. Each migration runs in its own
 * transaction that first takes the schema's advisory lock and re-reads the history, so replicas starting together
 * queue instead of racing (a waiting replica finds the work done), and a failing migration keeps the ones before
 * it. The same statements run on PGlite, where the lock is simply uncontended.
 */
export async function runMigrations(database: Database, migrations: readonly Migration[]): Promise<number[]> {
  validateMigrations(migrations);
  const applied: number[] = [];
  for (;;) {
    const version = await database.transaction((tx) => applyNext(tx, database.schema, migrations));
    if (version === undefined) return applied;
    applied.push(version);
  }
}

async function applyNext(tx: Queryable, schema: string, migrations: readonly Migration[]): Promise<number | undefined> {
  const table = `${quoteIdentifier(schema)}.schema_migrations`;
  await tx.query('select pg_advisory_xact_lock($1::bigint)', [migrationLockKey(schema)]);
  // Under the lock: two replicas creating the same schema at once would otherwise collide in the catalog.
  await tx.query(`create schema if not exists ${quoteIdentifier(schema)}`);
  await tx.query(
    `create table if not exists ${table} (
       version integer primary key,
       name text not null,
       checksum text not null,
       applied_at timestamptz not null default now()
     )`,
  );
  const { rows } = await tx.query<AppliedMigration>(`select version, name, checksum from ${table} order by version`);
  const [next] = planMigrations(
    migrations,
    rows.map((row) => ({ ...row, version: Number(row.version) })),
    schema,
  );
  if (!next) return undefined;
  try {
    await tx.query(next.sql);
  } catch (error) {
    const cause = toPersistenceError(error);
    throw new PersistenceError('migration_failed', `migration ${next.version} "${next.name}" of schema ${schema} failed: ${cause.message}`, {
      cause,
      sqlState: cause.sqlState,
      // Losing the connection mid-migration is worth another start; bad SQL is not.
      retriable: cause.retriable,
    });
  }
  await tx.query(`insert into ${table} (version, name, checksum) values ($1, $2, $3)`, [next.version, next.name, migrationChecksum(next)]);
  return next.version;
}
