import { assertParsablePostgresUrl } from './database-target';
import type { Database, DatabaseTarget, OpenDatabaseOptions } from './database.port';
import { validateMigrations } from './migration-list.validator';
import { runMigrations } from './migration.runner';
import { PersistenceError } from './persistence-error';
import { PgliteDatabase } from './pglite.database';
import { PostgresDatabase } from './postgres.database';
import { assertSchemaName } from './schema-name.validator';

/**
 * Opens a service's database on either engine and brings its schema up to date before anyone uses it: creates
 * the schema if absent and applies pending migrations in version order, each recorded in
 * `<schema>.schema_migrations`. Refuses (naming the migration) a list that is not strictly increasing or an
 * applied migration whose SQL changed. Several replicas may call this at once against one PostgreSQL.
 */
export async function openDatabase(target: DatabaseTarget, options: OpenDatabaseOptions): Promise<Database> {
  const schema = assertSchemaName(options.schema);
  // Configuration mistakes fail before any connection is made, with nothing to clean up.
  validateMigrations(options.migrations);
  const database = target.kind === 'postgres' ? openPostgres(target, schema, options.applicationName) : await PgliteDatabase.open(target.dataDir, schema);
  try {
    await runMigrations(database, options.migrations);
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
  return database;
}

function openPostgres(target: Extract<DatabaseTarget, { kind: 'postgres' }>, schema: string, applicationName: string | undefined): PostgresDatabase {
  assertParsablePostgresUrl(target.url);
  if (target.poolSize !== undefined && (!Number.isInteger(target.poolSize) || target.poolSize < 1)) {
    throw new PersistenceError('invalid_configuration', `poolSize must be a positive integer, not ${target.poolSize}`);
  }
  return new PostgresDatabase(target.url, schema, { poolSize: target.poolSize, applicationName });
}
