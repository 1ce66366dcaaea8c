import { Client } from 'pg';
import { openDatabase } from '@bridge/persistence';
import { uniqueName, waitFor } from '@bridge/test-infra';
import { EngineFixture, JOB_MIGRATIONS, failureOf, postgresUrl } from './persistence-test-engines';

describe('PostgreSQL specifics the services rely on', () => {
  let fixture: EngineFixture;
  beforeEach(() => (fixture = new EngineFixture('postgres')));
  afterEach(() => fixture?.cleanup());

  it('has a real PostgreSQL to test against (DATABASE_URL)', () => {
    expect(postgresUrl()).toMatch(/^postgres(ql)?:\/\//);
  });

  it('lets two replicas share work with FOR UPDATE SKIP LOCKED: the second skips the row the first holds', async () => {
    const [replicaA, replicaB] = await Promise.all([fixture.open(), fixture.open()]);
    await replicaA.query("insert into jobs (ticket, payload) values ('T1', '{}'), ('T2', '{}')");
    const take = 'select ticket from jobs where taken_by is null order by id limit 1 for update skip locked';
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let takenByA: string | undefined;
    const a = replicaA.transaction(async (tx) => {
      takenByA = (await tx.query<{ ticket: string }>(take)).rows[0].ticket;
      await held;
    });
    await waitFor(() => takenByA, { description: 'replica A to lock a row', timeoutMs: 10_000 });
    const takenByB = await replicaB.transaction(async (tx) => (await tx.query<{ ticket: string }>(take)).rows.map((row) => row.ticket));
    release();
    await a;
    expect(takenByA).toBe('T1');
    expect(takenByB).toEqual(['T2']);
  });

  it('keeps holders of one key apart across replicas, lets other keys through, and frees a key when its holder\'s connection dies', async () => {
    const [replicaA, replicaB] = await Promise.all([fixture.open(), fixture.open()]);
    const key = `ticket ${uniqueName('lock')}`;
    const log: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const a = replicaA.exclusive(key, async () => {
      log.push('A holds');
      await held;
      log.push('A done');
    });
    await waitFor(() => log.includes('A holds'), { description: 'replica A to hold the key', timeoutMs: 10_000 });
    const b = replicaB.exclusive(key, async () => log.push('B holds'));
    // Another key is not held up, in either replica.
    await replicaB.exclusive(`${key} other`, async () => log.push('B other'));
    await replicaA.exclusive(`${key} other`, async () => log.push('A other'));
    expect(log).toEqual(['A holds', 'B other', 'A other']);
    release();
    await Promise.all([a, b]);
    expect(log.slice(3)).toEqual(['A done', 'B holds']);

    // A holder whose process dies: PostgreSQL ends its lock connection, and the key is free again.
    let holding = false;
    const lost = replicaA.exclusive(key, async () => {
      holding = true;
      await new Promise(() => undefined);
    });
    void lost;
    await waitFor(() => holding, { description: 'replica A to hold the key again', timeoutMs: 10_000 });
    const admin = new Client({ connectionString: postgresUrl() });
    await admin.connect();
    try {
      const { rows } = await admin.query("select pg_terminate_backend(pid) as ended from pg_locks where locktype = 'advisory' and granted and objid = hashtext($1)::oid", [key]);
      expect(rows).toEqual([{ ended: true }]);
    } finally {
      await admin.end();
    }
    await expect(replicaB.exclusive(key, async () => 'B after A died')).resolves.toBe('B after A died');
  });

  it('refuses a holder still waiting for a key once its database is closed, instead of reconnecting', async () => {
    const [replicaA, replicaB] = await Promise.all([fixture.open(), fixture.open()]);
    const key = `ticket ${uniqueName('lock')}`;
    let release!: () => void;
    let holding = false;
    const a = replicaA.exclusive(key, async () => {
      holding = true;
      await new Promise<void>((resolve) => (release = resolve));
    });
    await waitFor(() => holding, { description: 'replica A to hold the key', timeoutMs: 10_000 });
    let ran = false;
    const waiting = replicaB.exclusive(key, async () => (ran = true));
    await replicaB.close();
    await expect(waiting).rejects.toMatchObject({ code: 'closed' });
    release();
    await a;
    expect(ran).toBe(false);
  });

  it('migrates once when many replicas start against one new schema at the same time', async () => {
    const replicas = await Promise.all(Array.from({ length: 6 }, () => openDatabase(fixture.target(), { schema: fixture.schema, migrations: JOB_MIGRATIONS })));
    try {
      const client = new Client({ connectionString: postgresUrl() });
      await client.connect();
      try {
        const { rows } = await client.query(`select version from "${fixture.schema}".schema_migrations order by version`);
        expect(rows).toEqual([{ version: 1 }, { version: 2 }]);
      } finally {
        await client.end();
      }
    } finally {
      await Promise.all(replicas.map((db) => db.close()));
    }
  });

  it('puts every pooled connection in the schema, named after the service', async () => {
    const applicationName = uniqueName('bridge_test');
    const db = await fixture.open({ applicationName });
    // Several transactions at once force several pooled connections.
    let arrived = 0;
    const seen = await Promise.all(
      Array.from({ length: 4 }, () =>
        db.transaction(async (tx) => {
          arrived += 1;
          await waitFor(() => arrived === 4, { description: 'four concurrent transactions', timeoutMs: 10_000, intervalMs: 5 });
          const { rows } = await tx.query<{ path: string; app: string; pid: number }>(
            "select current_setting('search_path') as path, current_setting('application_name') as app, pg_backend_pid() as pid",
          );
          return rows[0];
        }),
      ),
    );
    expect(new Set(seen.map((row) => row.pid)).size).toBe(4);
    for (const row of seen) expect({ ...row, path: row.path.replace(/\s/g, '') }).toMatchObject({ path: `${fixture.schema},public`, app: applicationName });
  });

  it('survives the server killing an idle pooled connection, and the next query reconnects', async () => {
    const applicationName = uniqueName('bridge_idle');
    const db = await fixture.open({ applicationName });
    await db.ping();
    const admin = new Client({ connectionString: postgresUrl() });
    await admin.connect();
    try {
      // Without the pool's error listener this would crash the test process with an unhandled 'error' event.
      const killed = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [applicationName]);
      expect(killed.rowCount).toBeGreaterThan(0);
      await waitFor(async () => (await admin.query('select 1 from pg_stat_activity where application_name = $1', [applicationName])).rowCount === 0, {
        description: 'the pooled connection to go away',
        timeoutMs: 10_000,
      });
    } finally {
      await admin.end();
    }
    await waitFor(
      async () => {
        await db.ping();
        return true;
      },
      { description: 'a query on a fresh connection', timeoutMs: 10_000 },
    );
    expect((await db.query('select version from schema_migrations')).rowCount).toBe(2);
  });

  it('survives the server cutting a connection held by a transaction between two statements: the transaction fails, the process lives', async () => {
    const applicationName = uniqueName('bridge_tx');
    const db = await fixture.open({ applicationName });
    const admin = new Client({ connectionString: postgresUrl() });
    await admin.connect();
    try {
      // Idle in transaction, as a delivery is while it waits for the ITSM: a restart's FATAL then reaches the
      // checked-out client with no query to reject, and without a listener Node would crash on the 'error' event.
      const outcome = db.transaction(async (tx) => {
        await tx.query('select 1');
        await waitFor(async () => (await admin.query("select 1 from pg_stat_activity where application_name = $1 and state = 'idle in transaction'", [applicationName])).rowCount === 1, { description: 'the transaction to wait between statements', timeoutMs: 10_000 });
        await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [applicationName]);
        await new Promise((resolve) => setTimeout(resolve, 300));
        await tx.query('select 2');
      });
      await expect(outcome).rejects.toThrow();
    } finally {
      await admin.end();
    }
    expect((await db.query<{ n: number }>('select 3 as n')).rows).toEqual([{ n: 3 }]);
  });

  it('reports an unreachable server as retriable, without the password', async () => {
    const url = new URL(postgresUrl());
    url.port = '1';
    url.password = 'not-to-be-printed';
    const error = await failureOf(openDatabase({ kind: 'postgres', url: url.toString() }, { schema: uniqueName('unreachable'), migrations: JOB_MIGRATIONS }));
    expect(error).toMatchObject({ name: 'PersistenceError', code: 'unavailable', retriable: true });
    expect(`${error.message} ${String((error.cause as Error | undefined)?.message)}`).not.toContain('not-to-be-printed');
  });

  it('reports unknown credentials as a configuration error, not retriable and without the password', async () => {
    const url = new URL(postgresUrl());
    url.username = uniqueName('nobody');
    url.password = 'wrong-password';
    const error = await failureOf(openDatabase({ kind: 'postgres', url: url.toString() }, { schema: uniqueName('creds'), migrations: [] }));
    expect(error).toMatchObject({ name: 'PersistenceError', code: 'invalid_configuration', retriable: false });
    expect(error.message).not.toContain('wrong-password');
  });
});
