export type { Database, DatabaseTarget, Migration, OpenDatabaseOptions, Queryable, QueryOptions, QueryRows } from './database.port';
export { PersistenceError, isRetriable, type PersistenceErrorCode } from './persistence-error';
export { openDatabase } from './open-database';
export { lockedTransaction } from './locked-transaction';
export { sqlLiteral } from './sql-literal';
export { databaseTargetFromUrl } from './database-target';
export { validateMigrations } from './migration-list.validator';
export { migrationChecksum } from './migration-checksum';
export { assertSchemaName } from './schema-name.validator';
