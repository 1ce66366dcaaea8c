import { createHash } from 'node:crypto';
import type { Migration, Queryable } from './database.port';

export class MigrationError extends Error {
  readonly retriable = false;
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

export function checksumOf(migration: Migration): string {
  return createHash('sha256').update(migration.sql).digest('hex');
}

/** Versions must strictly increase: a migration list is append-only history. */
export function assertMigrationOrder(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (!Number.isInteger(migration.version) || migration.version < 1) throw new MigrationError(`migration "${migration.name}" has an invalid version ${migration.version}`);
    if (index > 0 && migration.version <= migrations[index - 1].version) {
      throw new MigrationError(`migration ${migration.version} "${migration.name}" must come after ${migrations[index - 1].version}: versions must strictly increase`);
    }
  });
}

/**
 * Applies pending migrations in order, each in its own transaction, recording version, name and checksum. An
 * applied migration whose SQL changed is refused: the database and the code would silently disagree.
 * Runs inside `withLock`, so replicas starting together migrate once.
 */
export async function migrate(
  schema: string,
  migrations: readonly Migration[],
  run: { withLock<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>; transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> },
): Promise<number[]> {
  assertMigrationOrder(migrations);
  return run.withLock(async (tx) => {
    await tx.query(`create schema if not exists "${schema}"`);
    await tx.query(
      `create table if not exists "${schema}".schema_migrations (version integer primary key, name text not null, checksum text not null, applied_at timestamptz not null default now())`,
    );
    const { rows } = await tx.query<{ version: number; name: string; checksum: string }>(`select version, name, checksum from "${schema}".schema_migrations`);
    const applied = new Map(rows.map((row) => [Number(row.version), row]));
    const done: number[] = [];
    for (const migration of migrations) {
      const previous = applied.get(migration.version);
      if (previous) {
        if (previous.checksum !== checksumOf(migration)) {
          throw new MigrationError(`migration ${migration.version} "${migration.name}" of schema ${schema} was changed after it was applied; add a new migration instead`);
        }
        continue;
      }
      await tx.query(migration.sql);
      await tx.query(`insert into "${schema}".schema_migrations (version, name, checksum) values ($1, $2, $3)`, [migration.version, migration.name, checksumOf(migration)]);
      done.push(migration.version);
    }
    return done;
  });
}
