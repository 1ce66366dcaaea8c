import { type Migration, PersistenceError, openDatabase } from '@bridge/persistence';
import { ENGINES, EngineFixture, JOB_MIGRATIONS } from './persistence-test-engines';

describe.each(ENGINES)('versioned migrations on %s', (engine) => {
  let fixture: EngineFixture;
  beforeEach(() => (fixture = new EngineFixture(engine)));
  afterEach(() => fixture?.cleanup());

  it('creates the schema, applies the migrations in order and records each once', async () => {
    const db = await fixture.open();
    expect(db.kind).toBe(engine);
    expect(db.schema).toBe(fixture.schema);
    const { rows } = await db.query<{ version: number; name: string; checksum: string; applied_at: Date }>(
      'select version, name, checksum, applied_at from schema_migrations order by version',
    );
    expect(rows.map((row) => [row.version, row.name])).toEqual([
      [1, 'jobs'],
      [2, 'job state'],
    ]);
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.checksum) && row.applied_at instanceof Date)).toBe(true);
    // The tables landed in the service's schema, not in public.
    const inSchema = await db.query("select 1 from information_schema.tables where table_name = 'jobs' and table_schema = $1", [fixture.schema]);
    expect(inSchema.rowCount).toBe(1);
    expect((await db.query("select 1 from information_schema.tables where table_name = 'jobs' and table_schema = 'public'")).rowCount).toBe(0);
  });

  it('does nothing when re-opened, while open and after a close', async () => {
    const first = await fixture.open();
    await first.query("insert into jobs (ticket, payload) values ('T1', '{}')");
    const second = await fixture.open();
    await first.close();
    const third = await fixture.open();
    for (const db of [second, third]) {
      expect((await db.query('select version from schema_migrations')).rowCount).toBe(2);
      expect((await db.query<{ state: string }>('select state from jobs')).rows).toEqual([{ state: 'new' }]);
    }
  });

  it('applies only the migrations added since the last start', async () => {
    await fixture.open({ migrations: JOB_MIGRATIONS.slice(0, 1) });
    const db = await fixture.open();
    const { rows } = await db.query<{ version: number; applied_at: Date }>('select version, applied_at from schema_migrations order by version');
    expect(rows.map((row) => row.version)).toEqual([1, 2]);
    expect(rows[1].applied_at.getTime()).toBeGreaterThanOrEqual(rows[0].applied_at.getTime());
  });

  it('refuses to start when an applied migration was edited, naming it', async () => {
    await fixture.open();
    const edited: Migration[] = [JOB_MIGRATIONS[0], { ...JOB_MIGRATIONS[1], sql: `${JOB_MIGRATIONS[1].sql} -- edited` }];
    const refusal = fixture.open({ migrations: edited });
    await expect(refusal).rejects.toBeInstanceOf(PersistenceError);
    await expect(refusal).rejects.toMatchObject({
      code: 'migration_changed',
      retriable: false,
      message: expect.stringContaining(`migration 2 "job state" of schema ${fixture.schema} was changed after it was applied`),
    });
  });

  it('refuses duplicated or decreasing versions before touching the database', async () => {
    const duplicated = [JOB_MIGRATIONS[0], { ...JOB_MIGRATIONS[1], version: 1 }];
    await expect(openDatabase(fixture.target(), { schema: fixture.schema, migrations: duplicated })).rejects.toMatchObject({
      code: 'migrations_invalid',
      message: expect.stringMatching(/migration 1 "job state" duplicates version 1/),
    });
    const decreasing = [{ ...JOB_MIGRATIONS[1], version: 3 }, { ...JOB_MIGRATIONS[0], version: 2 }];
    await expect(openDatabase(fixture.target(), { schema: fixture.schema, migrations: decreasing })).rejects.toMatchObject({ code: 'migrations_invalid' });
    const probe = await fixture.open({ schema: fixture.otherSchema(), migrations: [] });
    const schemas = await probe.query('select 1 from information_schema.schemata where schema_name = $1', [fixture.schema]);
    expect(schemas.rowCount).toBe(0);
  });

  it('rolls a failing migration back, keeps the ones before it, and names it', async () => {
    const broken: Migration[] = [...JOB_MIGRATIONS, { version: 3, name: 'broken', sql: 'alter table jobs add column extra text; select * from no_such_table' }];
    await expect(fixture.open({ migrations: broken })).rejects.toMatchObject({
      code: 'migration_failed',
      retriable: false,
      sqlState: '42P01',
      message: expect.stringContaining('migration 3 "broken"'),
    });
    const db = await fixture.open();
    expect((await db.query<{ version: number }>('select version from schema_migrations order by version')).rows).toEqual([{ version: 1 }, { version: 2 }]);
    const columns = await db.query("select 1 from information_schema.columns where table_schema = $1 and table_name = 'jobs' and column_name = 'extra'", [fixture.schema]);
    expect(columns.rowCount).toBe(0);
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(openDatabase(fixture.target(), { schema: 'x"; drop schema public cascade; --', migrations: JOB_MIGRATIONS })).rejects.toMatchObject({
      code: 'invalid_configuration',
    });
  });

  it('lets several openers of one schema start at the same time and migrates once', async () => {
    const replicas = await Promise.all(Array.from({ length: 5 }, () => fixture.open()));
    for (const db of replicas) {
      expect((await db.query<{ n: number }>('select count(*)::int as n from schema_migrations')).rows).toEqual([{ n: 2 }]);
    }
  });
});
