import type { Migration } from './database.port';
import { migrationChecksum } from './migration-checksum';
import { PersistenceError } from './persistence-error';

/** A row of `<schema>.schema_migrations`. */
export interface AppliedMigration {
  version: number;
  name: string;
  checksum: string;
}

/**
 * Compares the code's migrations with what the schema records and returns what is still to apply, in order.
 * Refuses when history and code disagree, because the database would silently differ from what the code
 * expects:
 * - an applied migration whose SQL has since changed;
 * - a pending migration numbered below one already applied (it was inserted into history, not appended).
 * Applied versions the code does not know are allowed: during a rolling deploy an older replica may restart
 * after a newer one migrated, and migrations are written to be additive.
 */
export function planMigrations(migrations: readonly Migration[], applied: readonly AppliedMigration[], schema: string): Migration[] {
  const byVersion = new Map(applied.map((row) => [row.version, row]));
  const highestApplied = applied.reduce((max, row) => Math.max(max, row.version), 0);
  const pending: Migration[] = [];
  for (const migration of migrations) {
    const recorded = byVersion.get(migration.version);
    if (recorded) {
      if (recorded.checksum !== migrationChecksum(migration)) {
        throw new PersistenceError(
          'migration_changed',
          `migration ${migration.version} "${migration.name}" of schema ${schema} was changed after it was applied ` +
            `(recorded as "${recorded.name}"): restore its SQL and add a new migration instead`,
        );
      }
      continue;
    }
    if (migration.version < highestApplied) {
      throw new PersistenceError(
        'migration_changed',
        `migration ${migration.version} "${migration.name}" of schema ${schema} is new but version ${highestApplied} ` +
          `is already applied: give it a version above ${highestApplied}`,
      );
    }
    pending.push(migration);
  }
  return pending;
}
