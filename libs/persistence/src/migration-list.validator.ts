import type { Migration } from './database.port';
import { PersistenceError } from './persistence-error';

/**
 * A migration list is append-only history: positive integer versions, strictly increasing in the order written,
 * each with a name and some SQL. Checked before connecting, so a bad list fails at start with the migration named.
 */
export function validateMigrations(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    const label = `migration ${migration.version} "${migration.name}"`;
    if (!Number.isSafeInteger(migration.version) || migration.version < 1) {
      throw invalid(`${label} has an invalid version: versions are positive integers`);
    }
    if (typeof migration.name !== 'string' || migration.name.trim() === '') throw invalid(`migration ${migration.version} has no name`);
    if (typeof migration.sql !== 'string' || migration.sql.trim() === '') throw invalid(`${label} has no SQL`);
    if (index === 0) return;
    const previous = migrations[index - 1];
    if (migration.version === previous.version) {
      throw invalid(`${label} duplicates version ${previous.version} ("${previous.name}"): each version is used once`);
    }
    if (migration.version < previous.version) {
      throw invalid(`${label} comes after ${previous.version} "${previous.name}": versions must increase in the order listed`);
    }
  });
}

function invalid(message: string): PersistenceError {
  return new PersistenceError('migrations_invalid', message);
}
