import { databaseTargetFromUrl } from './database-target';
import { PersistenceError } from './persistence-error';

describe('databaseTargetFromUrl', () => {
  it('reads postgres:// and postgresql:// as a real PostgreSQL', () => {
    expect(databaseTargetFromUrl('postgres://u:p@db:5432/bridge')).toEqual({ kind: 'postgres', url: 'postgres://u:p@db:5432/bridge' });
    expect(databaseTargetFromUrl(' postgresql://db/bridge ', '/data')).toEqual({ kind: 'postgres', url: 'postgresql://db/bridge' });
  });

  it('falls back to PGlite in the given folder when nothing or "pglite" is set', () => {
    expect(databaseTargetFromUrl(undefined, '/data/pglite')).toEqual({ kind: 'pglite', dataDir: '/data/pglite' });
    expect(databaseTargetFromUrl('', '/data/pglite')).toEqual({ kind: 'pglite', dataDir: '/data/pglite' });
    expect(databaseTargetFromUrl('pglite', '/data/pglite')).toEqual({ kind: 'pglite', dataDir: '/data/pglite' });
    expect(databaseTargetFromUrl(undefined)).toEqual({ kind: 'pglite', dataDir: undefined });
  });

  it('takes the folder from pglite:<folder>, and keeps pglite:memory in memory', () => {
    expect(databaseTargetFromUrl('pglite:/var/lib/bridge', '/data')).toEqual({ kind: 'pglite', dataDir: '/var/lib/bridge' });
    expect(databaseTargetFromUrl('pglite:', '/data')).toEqual({ kind: 'pglite', dataDir: '/data' });
    expect(databaseTargetFromUrl('pglite:memory', '/data')).toEqual({ kind: 'pglite' });
  });

  it('refuses anything else without repeating the value, which may hold a password', () => {
    for (const url of ['mysql://root:hunter2@db/x', 'hunter2', 'postgres://u:hunter2@[bad/x']) {
      let error: unknown;
      try {
        databaseTargetFromUrl(url);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(PersistenceError);
      expect(error).toMatchObject({ code: 'invalid_configuration', retriable: false });
      expect((error as Error).message).not.toContain('hunter2');
    }
  });
});
