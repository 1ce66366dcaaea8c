import { createHash } from 'node:crypto';

/**
 * The pg_advisory_xact_lock key that replicas of one service take while migrating its schema. Derived here, not
 * with hashtext(), because hashtext is an internal function free to change between PostgreSQL versions and gives
 * only 32 bits; 64 bits of SHA-256 make a clash with the services' own advisory locks improbable. A string,
 * because a signed 64-bit value does not fit a JS number; the SQL casts it with `$1::bigint`.
 */
export function migrationLockKey(schema: string): string {
  const digest = createHash('sha256').update(`bridge:migrations:${schema}`).digest();
  return digest.readBigInt64BE(0).toString();
}
