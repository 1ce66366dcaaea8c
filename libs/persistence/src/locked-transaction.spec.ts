import type { Database } from './database.port';
import { lockedTransaction } from './locked-transaction';

describe('lockedTransaction', () => {
  /** A database that records what a transaction opens with, and answers it with one row. */
  function recording() {
    const openings: Array<string | undefined> = [];
    const database: Pick<Database, 'transaction'> = {
      transaction: (fn, opening) => (openings.push(opening), fn({ query: async () => ({ rows: [], rowCount: 0 }) }, { rows: [{ read: true }], rowCount: 1 })),
    };
    return { database, openings };
  }

  it("opens with the key's lock, the key written as a literal that a quote cannot end", async () => {
    const { database, openings } = recording();
    expect(await lockedTransaction(database, "acme:INC'1", async () => 'done')).toBe('done');
    expect(openings).toEqual(["select pg_advisory_xact_lock(hashtext('acme:INC''1'))"]);
  });

  it('runs the first read after the lock, in the same opening, and hands its rows to the work', async () => {
    const { database, openings } = recording();
    const rows = await lockedTransaction(database, 'acme:INC1', async (_tx, firstRead) => firstRead.rows, 'select 1 as read');
    expect(openings).toEqual(["select pg_advisory_xact_lock(hashtext('acme:INC1')); select 1 as read"]);
    expect(rows).toEqual([{ read: true }]);
  });
});
