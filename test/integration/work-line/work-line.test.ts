import type { Database, Migration } from '@bridge/persistence';
import { waitFor } from '@bridge/test-infra';
import { WorkLineLogger, WorkLineRepository, WorkLineWorker, WorkOutcome, WorkRow, workLineColumns, workLineIndexes, workLineLeases } from '@bridge/work-line';
import { TangoeApiError } from '@bridge/tangoe-client';
import { EngineFixture } from '../persistence/persistence-test-engines';

interface JobRow extends WorkRow {
  payload: { n: number };
}

const MIGRATIONS: readonly Migration[] = [{ version: 1, name: 'jobs line', sql: `create table jobs (${workLineColumns}, payload jsonb not null); ${workLineIndexes('jobs')} ${workLineLeases('jobs')}` }];
const silent: WorkLineLogger = { warn: () => undefined, error: () => undefined };
const noRetry = () => undefined;

/** The work line against a real PostgreSQL: order and one holder per key across workers, retry, park, replay. */
describe('work line on PostgreSQL', () => {
  let fixture: EngineFixture;
  let database: Database;
  let line: WorkLineRepository<JobRow>;
  const workers: Array<WorkLineWorker<JobRow>> = [];

  beforeEach(async () => {
    fixture = new EngineFixture('postgres');
    database = await fixture.open({ migrations: MIGRATIONS });
    line = new WorkLineRepository<JobRow>(database, 'jobs', 'done');
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.stop()));
    await fixture.cleanup();
  });

  const append = async (clientId: string, key: string, n: number, rank = 1) =>
    database.query(`insert into jobs (client_id, external_source_id, rank, status, payload) values ($1, $2, $3, 'pending', $4)`, [clientId, key, rank, JSON.stringify({ n })]);
  const statuses = async () => (await database.query<{ n: number; status: string; attempts: number }>(`select (payload->>'n')::int as n, status, attempts from jobs order by id`)).rows;

  function worker(handle: (item: JobRow) => Promise<WorkOutcome>, options: { clients?: () => string[]; schedule?: (n: number) => number | undefined; lanes?: number; repository?: WorkLineRepository<JobRow>; logger?: WorkLineLogger } = {}) {
    const started = new WorkLineWorker<JobRow>({
      repository: options.repository ?? line,
      handle,
      schedule: options.schedule ?? noRetry,
      eligibleClients: options.clients ?? (() => ['acme', 'globex']),
      lanes: options.lanes ?? 4,
      idlePollMs: 20,
      logger: options.logger ?? silent,
    });
    workers.push(started);
    started.start();
    return started;
  }

  it('works each key in order with one holder at a time, across two workers on their own connections', async () => {
    const keys = ['T1', 'T2', 'T3'];
    for (let n = 0; n < 20; n += 1) for (const key of keys) await append('acme', key, n);
    const second = await fixture.open({ migrations: MIGRATIONS });
    const seen = new Map<string, number[]>(keys.map((key) => [key, []]));
    const inFlight = new Set<string>();
    const overlaps: string[] = [];
    const handle = async (item: JobRow): Promise<WorkOutcome> => {
      if (inFlight.has(item.external_source_id)) overlaps.push(`${item.external_source_id}#${item.payload.n}`);
      inFlight.add(item.external_source_id);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
      seen.get(item.external_source_id)!.push(item.payload.n);
      inFlight.delete(item.external_source_id);
      return { kind: 'done' };
    };
    worker(handle);
    worker(handle, { repository: new WorkLineRepository<JobRow>(second, 'jobs', 'done') });
    await waitFor(async () => (await statuses()).every((row) => row.status === 'done'), { description: 'every item done', timeoutMs: 30_000 });
    expect(overlaps).toEqual([]);
    for (const key of keys) expect(seen.get(key)).toEqual(Array.from({ length: 20 }, (_, n) => n));
  });

  it('retries on the schedule, then parks; the parked item holds its key, others flow; a replay is one more try', async () => {
    await append('acme', 'T1', 1);
    await append('acme', 'T1', 2);
    await append('acme', 'T2', 3);
    let refuse = true;
    const done: number[] = [];
    const started = worker(
      async (item) => {
        if (item.payload.n === 1 && refuse) throw new Error('Tangoe answered 503');
        done.push(item.payload.n);
        return { kind: 'done' };
      },
      { schedule: (failed) => (failed <= 2 ? 10 : undefined) },
    );
    await waitFor(async () => (await statuses())[0].status === 'parked', { description: 'item 1 parked' });
    await waitFor(() => done.includes(3), { description: 'the other key flowed' });
    const [first, second] = await statuses();
    expect(first).toEqual({ n: 1, status: 'parked', attempts: 3 });
    expect(second).toEqual({ n: 2, status: 'pending', attempts: 0 });
    expect((await line.parked())[0].last_error).toBe('Tangoe answered 503');

    // Replayed while it still fails: parked again at once, one attempt more.
    expect(await started.replayKey('acme', 'T1')).toBe(1);
    expect((await statuses())[0]).toEqual({ n: 1, status: 'parked', attempts: 4 });

    refuse = false;
    expect(await started.replayKey('acme', 'T1')).toBe(2);
    expect((await statuses()).map((row) => row.status)).toEqual(['done', 'done', 'done']);
    expect(done).toEqual([3, 1, 2]);
  });

  it('parks at once what is refused for good, and never counts a wait as an attempt', async () => {
    await append('acme', 'T1', 1);
    await append('acme', 'T2', 2);
    let waits = 0;
    worker(async (item) => {
      if (item.payload.n === 1) return { kind: 'failed', error: 'Tangoe answered 422', retriable: false };
      waits += 1;
      return waits < 3 ? { kind: 'later', delayMs: 10 } : { kind: 'done' };
    }, { schedule: () => 10 });
    await waitFor(async () => (await statuses()).map((row) => row.status).join() === 'parked,done', { description: 'one parked, one done' });
    expect(await statuses()).toEqual([
      { n: 1, status: 'parked', attempts: 1 },
      { n: 2, status: 'done', attempts: 1 },
    ]);
  });

  it('waits at least as long as a refusal asked (Retry-After), however short its schedule', async () => {
    await append('acme', 'T1', 1);
    worker(async () => {
      throw new TangoeApiError('rate_limited', 'Tangoe answered 429', { status: 429, retryAfterMs: 60_000 });
    }, { schedule: () => 10 });
    await waitFor(async () => (await statuses())[0].attempts === 1, { description: 'one attempt' });
    const { rows } = await database.query<{ wait_ms: number }>(`select extract(epoch from (due_at - now())) * 1000 as wait_ms from jobs`);
    expect(Number(rows[0].wait_ms)).toBeGreaterThan(55_000);
  });

  it("passes an item by while another holder's lease on it lives (a claim whose connection was cut, its call going on), and works it once the lease lapses", async () => {
    await append('acme', 'T1', 1);
    await append('acme', 'T2', 2);
    // What a lane leaves behind when its connection is cut mid-call while it goes on calling: the lease its claim
    // committed, renewed while the call runs.
    await database.query(`update jobs set lease = 'another lane', leased_until = clock_timestamp() + interval '1 minute', lease_started_at = clock_timestamp() where payload->>'n' = '1'`);
    const called: number[] = [];
    const started = worker(async (item) => (called.push(item.payload.n), { kind: 'done' }));
    // The positive signal that the leased item was passed by: the one behind it in the line's order was worked.
    await waitFor(async () => (await statuses())[1].status === 'done', { description: "T2's item done" });
    expect(called).toEqual([2]);
    expect((await statuses())[0]).toEqual({ n: 1, status: 'pending', attempts: 0 });
    // Once nobody renews that lease (its process died), the item is worked, and the decision lets the lease go.
    await database.query(`update jobs set leased_until = clock_timestamp() - interval '1 second' where payload->>'n' = '1'`);
    started.ring();
    await waitFor(async () => (await statuses())[0].status === 'done', { description: "T1's item done" });
    expect(called).toEqual([2, 1]);
    expect((await database.query('select 1 from jobs where lease is not null or leased_until is not null')).rowCount).toBe(0);
  });

  it('holds an item of a lower rank, appended while a later item of its key is leased, until that attempt is decided', async () => {
    await append('acme', 'T1', 2);
    // The change of T1 being attempted (by another replica) when its opening arrives, which goes before it by rank.
    await database.query(`update jobs set lease = 'another lane', leased_until = clock_timestamp() + interval '1 minute', lease_started_at = clock_timestamp()`);
    await append('acme', 'T1', 1, 0);
    await append('acme', 'T2', 3);
    const called: number[] = [];
    const started = worker(async (item) => (called.push(item.payload.n), { kind: 'done' }));
    // The positive signal that the lanes have looked: the other key's item was worked.
    await waitFor(() => called.includes(3), { description: "T2's item done" });
    expect(called).toEqual([3]);
    // That attempt decided (here: left in line, its lease let go): the opening goes first, then the change.
    await database.query(`update jobs set lease = null, leased_until = null where payload->>'n' = '2'`);
    started.ring();
    await waitFor(() => called.length === 3, { description: "T1's items done" });
    expect(called).toEqual([3, 1, 2]);
  });

  it('writes no decision for an attempt whose lease another claim took meanwhile, and says so', async () => {
    await append('acme', 'T1', 1);
    let release: () => void = () => undefined;
    let attemptRunning: () => void = () => undefined;
    const running = new Promise<void>((resolve) => (attemptRunning = resolve));
    const warnings: string[] = [];
    worker(
      async () => {
        attemptRunning();
        await new Promise<void>((resolve) => (release = resolve));
        return { kind: 'done' };
      },
      { logger: { warn: (_fields, message) => void warnings.push(message), error: () => undefined } },
    );
    await running;
    // Its renewals failed past the lease (the database unreachable) and another replica's claim took the item.
    await database.query(`update jobs set lease = 'another replica', leased_until = clock_timestamp() + interval '1 minute'`);
    release();
    await waitFor(() => warnings.length > 0, { description: 'the lost lease reported' });
    expect(warnings[0]).toContain('no longer held by this attempt');
    expect((await statuses())[0]).toEqual({ n: 1, status: 'pending', attempts: 0 });
    expect((await database.query<{ lease: string }>('select lease from jobs')).rows[0].lease).toBe('another replica');
  });

  it('claims on as before once a migration adds a column to the line, on connections that prepared the claim before', async () => {
    for (let n = 1; n <= 3; n += 1) await append('acme', `T${n}`, n);
    const first = await line.claim({ clients: ['acme'] }, 60_000);
    // Sequential queries take the pool's last idle connection again: the one that has the claim prepared.
    await database.query('alter table jobs add column added_later text');
    const second = await line.claim({ clients: ['acme'] }, 60_000);
    expect([first?.payload.n, second?.payload.n]).toEqual([1, 2]);
    expect(second).toMatchObject({ id: expect.any(String), lease: expect.any(String), added_later: null });
  });

  it('puts an item of a lower rank before the earlier items of its key', async () => {
    await append('acme', 'T1', 2);
    await append('acme', 'T1', 1, 0);
    const order: number[] = [];
    worker(async (item) => (order.push(item.payload.n), { kind: 'done' }));
    await waitFor(() => order.length === 2, { description: 'both items' });
    expect(order).toEqual([1, 2]);
  });

  it("claims nothing of a client held back, and works its line once it is not", async () => {
    const sendable = new Set(['acme']);
    await append('globex', 'G1', 1);
    await append('acme', 'A1', 2);
    const order: number[] = [];
    const started = worker(async (item) => (order.push(item.payload.n), { kind: 'done' }), { clients: () => [...sendable] });
    await waitFor(() => order.includes(2), { description: "acme's item" });
    // The positive signal that globex was passed over: acme's later item, appended after, is done too.
    await append('acme', 'A1', 3);
    started.ring();
    await waitFor(() => order.includes(3), { description: "acme's second item" });
    expect(order).toEqual([2, 3]);
    expect((await statuses())[0]).toEqual({ n: 1, status: 'pending', attempts: 0 });
    sendable.add('globex');
    started.clientsChanged();
    await waitFor(() => order.includes(1), { description: "globex's item once it is sendable" });
  });
});

/**
 * The embedded database (the standalone run): one connection. No transaction is open while an attempt runs, so
 * several lanes share it, and the rest of the process is not kept waiting behind an attempt's call.
 */
describe('work line on PGlite', () => {
  let fixture: EngineFixture;
  let database: Database;
  let worker: WorkLineWorker<JobRow> | undefined;

  beforeEach(async () => {
    fixture = new EngineFixture('pglite');
    database = await fixture.open({ migrations: MIGRATIONS });
  });
  afterEach(async () => {
    await worker?.stop();
    await fixture.cleanup();
  });

  it('works other keys, and lets other work run, while one attempt is still calling out', async () => {
    for (const [key, n] of [['T1', 1], ['T2', 2], ['T3', 3]] as const) await database.query(`insert into jobs (client_id, external_source_id, status, payload) values ('acme', $1, 'pending', $2)`, [key, JSON.stringify({ n })]);
    const done = () => database.query<{ n: number }>(`select (payload->>'n')::int as n from jobs where status = 'done' order by 1`).then(({ rows }) => rows.map((row) => row.n));
    let release: () => void = () => undefined;
    const firstHeld = new Promise<void>((resolve) => (release = resolve));
    worker = new WorkLineWorker<JobRow>({
      repository: new WorkLineRepository<JobRow>(database, 'jobs', 'done'),
      handle: async (item) => {
        if (item.payload.n === 1) await firstHeld;
        return { kind: 'done' };
      },
      schedule: noRetry,
      eligibleClients: () => ['acme'],
      lanes: 4,
      idlePollMs: 20,
      logger: silent,
    });
    worker.start();
    await waitFor(async () => (await done()).join() === '2,3', { description: 'the other keys done while T1 is held' });
    expect((await database.query(`select 1 from jobs where payload->>'n' = '1' and lease is not null and status = 'pending'`)).rowCount).toBe(1);
    release();
    await waitFor(async () => (await done()).join() === '1,2,3', { description: 'every item done' });
  });
});
