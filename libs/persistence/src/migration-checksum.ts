import { createHash } from 'node:crypto';
import type { Migration } from './database.port';

/**
 * SHA-256 of the migration's SQL, recorded when it is applied and compared on every start. Line endings are
 * normalised so a checkout with CRLF does not look like an edit. Changing this function would make every
 * applied migration look edited: the spec pins known values.
 */
export function migrationChecksum(migration: Pick<Migration, 'sql'>): string {
  return createHash('sha256').update(migration.sql.replace(/\r\n/g, '\n')).digest('hex');
}
