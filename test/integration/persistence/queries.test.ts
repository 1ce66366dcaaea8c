import { PersistenceError, type Queryable, sqlLiteral } from '@bridge/persistence';
import { ENGINES, EngineFixture } from './persistence-test-engines';

describe.each(ENGINES)('the same SQL on %s', (engine) => {
  let fixture: EngineFixture;
  beforeEach(() => (fixture = new EngineFixture(engine)));
  afterEach(() => fixture?.cleanup());

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    const db = await fixture.open();
    const id = await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string }>("insert into jobs (ticket, payload) values ('kept', '{}') returning id");
      return rows[0].id;
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.query("insert into jobs (ticket, payload) values ('lost', '{}')");
        await tx.query("update jobs set state = 'changed' where id = $1", [id]);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect((await db.query<{ ticket: string; state: string }>('select ticket, state from jobs')).rows).toEqual([{ ticket: 'kept', state: 'new' }]);
  });

  it("runs a transaction's opening statements inside it, hands their last rows to the work, and rolls them back with it", async () => {
    const db = await fixture.open();
    const ticket = "it's \\ quoted";
    const opening = `insert into jobs (ticket, payload) values (${sqlLiteral(ticket)}, '{}'); select ticket from jobs`;
    const read = await db.transaction(async (_tx, opened) => opened.rows, opening);
    expect(read).toEqual([{ ticket }]);
    await expect(db.transaction(async () => Promise.reject(new Error('abort')), "insert into jobs (ticket, payload) values ('lost', '{}')")).rejects.toThrow('abort');
    expect((await db.query('select ticket from jobs')).rows).toEqual([{ ticket }]);
  });

  it('rolls back when a statement fails, and the database stays usable', async () => {
    const db = await fixture.open();
    await db.query("insert into jobs (ticket, payload) values ('T1', '{}')");
    const failure = db.transaction(async (tx) => {
      await tx.query("insert into jobs (ticket, payload) values ('T2', '{}')");
      await tx.query("insert into jobs (ticket, payload) values ('T1', '{}')");
    });
    await expect(failure).rejects.toBeInstanceOf(PersistenceError);
    await expect(failure).rejects.toMatchObject({ code: 'unique_violation', retriable: false, sqlState: '23505' });
    expect((await db.query('select ticket from jobs')).rows).toEqual([{ ticket: 'T1' }]);
    await db.ping();
  });

  it('refuses a transaction handle used after its transaction ended', async () => {
    const db = await fixture.open();
    let leaked: Queryable | undefined;
    await db.transaction(async (tx) => {
      leaked = tx;
    });
    await expect(leaked!.query('select 1')).rejects.toMatchObject({ code: 'closed' });
  });

  it('keeps two schemas apart: same table names, separate rows', async () => {
    const a = await fixture.open();
    const b = await fixture.open({ schema: fixture.otherSchema() });
    await a.query("insert into jobs (ticket, payload) values ('only-in-a', '{}')");
    await b.transaction((tx) => tx.query("insert into jobs (ticket, payload) values ('only-in-b', '{}')"));
    expect((await a.query('select ticket from jobs')).rows).toEqual([{ ticket: 'only-in-a' }]);
    expect((await b.query('select ticket from jobs')).rows).toEqual([{ ticket: 'only-in-b' }]);
  });

  it('runs bigserial, jsonb, timestamptz, ON CONFLICT and FOR UPDATE SKIP LOCKED alike, with the same types back', async () => {
    const db = await fixture.open();
    const when = new Date('2030-01-02T03:04:05.678Z');
    const insert = 'insert into jobs (ticket, payload, created_at) values ($1, $2, $3) on conflict (ticket) do nothing returning id';
    const first = await db.query<{ id: string }>(insert, ['T1', { nested: { n: 1 }, list: [1, 'two'] }, when]);
    expect(first).toEqual({ rows: [{ id: '1' }], rowCount: 1 });
    // A JSON text is accepted for jsonb as well as an object.
    expect((await db.query(insert, ['T2', JSON.stringify({ n: 2 }), when])).rowCount).toBe(1);
    expect(await db.query(insert, ['T1', {}, when])).toEqual({ rows: [], rowCount: 0 });
    const upsert = await db.query<{ state: string }>(
      "insert into jobs (ticket, payload) values ('T1', '{}') on conflict (ticket) do update set state = 'seen' returning state",
    );
    expect(upsert.rows).toEqual([{ state: 'seen' }]);

    const rows = await db.query<{ id: string; payload: unknown; created_at: Date; ids: string[] }>(
      "select id, payload, created_at, array[id, id + 1] as ids from jobs where payload @> '{\"nested\":{\"n\":1}}'",
    );
    expect(rows.rows).toEqual([{ id: '1', payload: { nested: { n: 1 }, list: [1, 'two'] }, created_at: when, ids: ['1', '2'] }]);
    expect((await db.query<{ n: string }>('select count(*) as n from jobs')).rows).toEqual([{ n: '2' }]);
    const any = await db.query<{ tickets: string[] }>('select array_agg(ticket order by ticket) as tickets from jobs where ticket = any($1)', [['T1', 'T2', 'T3']]);
    expect(any.rows).toEqual([{ tickets: ['T1', 'T2'] }]);

    const taken = await db.transaction(async (tx) => {
      const { rows: locked } = await tx.query<{ id: string }>('select id from jobs where taken_by is null order by id limit 1 for update skip locked');
      await tx.query('update jobs set taken_by = $1 where id = $2', ['replica-a', locked[0].id]);
      return locked[0].id;
    });
    expect(taken).toBe('1');
    expect((await db.query("update jobs set state = 'done' where taken_by is null")).rowCount).toBe(1);
    expect((await db.query('select * from jobs')).rowCount).toBe(2);
  });

  it('runs a script of several statements and answers with the last one', async () => {
    const db = await fixture.open();
    const result = await db.query("insert into jobs (ticket, payload) values ('S1', '{}'); select ticket from jobs");
    expect(result.rows).toEqual([{ ticket: 'S1' }]);
  });

  it('does not hang when code inside a transaction also queries through the database', async () => {
    const db = await fixture.open();
    const result = await db.transaction(async (tx) => {
      await tx.query("insert into jobs (ticket, payload) values ('T1', '{}')");
      const outside = await db.query<{ n: number }>('select count(*)::int as n from jobs');
      const nested = await db.transaction(async (inner) => (await inner.query<{ n: number }>('select 1 as n')).rows[0].n);
      return { outside: outside.rows[0].n, nested };
    });
    // PostgreSQL runs the outside query on another connection (not seeing the insert yet); PGlite has one
    // connection, so it joins the transaction. Both must finish.
    expect(result.outside).toBe(engine === 'postgres' ? 0 : 1);
    expect(result.nested).toBe(1);
    expect((await db.query('select 1 from jobs')).rowCount).toBe(1);
  });

  it('answers ping and, once closed, refuses work with a closed error', async () => {
    const db = await fixture.open();
    await expect(db.ping()).resolves.toBeUndefined();
    await db.close();
    await db.close();
    await expect(db.query('select 1')).rejects.toMatchObject({ code: 'closed', retriable: false });
    await expect(db.transaction(async () => undefined)).rejects.toMatchObject({ code: 'closed' });
  });
});
