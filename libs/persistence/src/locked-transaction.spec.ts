import type { Queryable } from './database.port';
import { lockedTransaction } from './locked-transaction';

describe('lockedTransaction', () => {
  it("takes the key's lock in the transaction before anything else runs in it", async () => {
    const statements: Array<{ sql: string; params?: readonly unknown[] }> = [];
    const tx: Queryable = {
      query: async <R>(sql: string, params?: readonly unknown[]) => {
        statements.push({ sql, params });
        return { rows: [] as R[], rowCount: 0 };
      },
    };
    const result = await lockedTransaction({ transaction: (fn) => fn(tx) }, 'acme:INC1', async (inside) => {
      await inside.query('select 1');
      return 'done';
    });
    expect(result).toBe('done');
    expect(statements).toEqual([{ sql: 'select pg_advisory_xact_lock(hashtext($1))', params: ['acme:INC1'] }, { sql: 'select 1', params: undefined }]);
  });
});
