import type { DatabaseTarget } from './database.port';
import { PersistenceError } from './persistence-error';

/**
 * Reads DATABASE_URL. `postgres://…` (or `postgresql://…`) means a real PostgreSQL; nothing, `pglite` or
 * `pglite:<folder>` means embedded PGlite, in `<folder>` or else `dataDir`; `pglite:memory` keeps it in memory
 * even when a default `dataDir` is given. The URL is never echoed in errors: it may carry a password.
 */
export function databaseTargetFromUrl(url: string | undefined, dataDir?: string): DatabaseTarget {
  const value = url?.trim() ?? '';
  if (value === '' || value === 'pglite') return { kind: 'pglite', dataDir: dataDir || undefined };
  if (value === 'pglite:memory') return { kind: 'pglite' };
  if (value.startsWith('pglite:')) return { kind: 'pglite', dataDir: value.slice('pglite:'.length) || dataDir || undefined };
  if (/^postgres(ql)?:\/\//i.test(value)) {
    assertParsablePostgresUrl(value);
    return { kind: 'postgres', url: value };
  }
  throw new PersistenceError('invalid_configuration', 'DATABASE_URL must be postgres://…, postgresql://…, pglite or pglite:<folder>');
}

/** Fails at start, with a message that does not repeat the URL, rather than at the first connection. */
export function assertParsablePostgresUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new PersistenceError('invalid_configuration', 'the PostgreSQL URL cannot be parsed (a password with @, / or # must be percent-encoded)');
  }
  if (!/^postgres(ql)?:$/i.test(parsed.protocol)) {
    throw new PersistenceError('invalid_configuration', 'the PostgreSQL URL must start with postgres:// or postgresql://');
  }
}
