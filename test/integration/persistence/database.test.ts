import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { Database, DatabaseTarget, Migration, openDatabase } from '@bridge/persistence';
import { uniqueName } from '@bridge/test-infra';

const MIGRATIONS: Migration[] = [
  { version: 1, name: 'jobs', sql: 'create table jobs (id bigserial primary key, ticket text not null unique, payload jsonb not null, taken_by text, created_at timestamptz not null default now())' },
  { version: 2, name: 'jobs state', sql: "alter table jobs add column state text not null default 'new'" },
];

function postgresUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: these tests need a real PostgreSQL');
  return url;
}

const engines: Array<[string, () => DatabaseTarget]> = [
  ['PostgreSQL', () => ({ kind: 'postgres', url: postgresUrl() })],
  ['PGlite', () => ({ kind: 'pglite' })],
];

describe.each(engines)('the same migrations and SQL on %s', (engine, target) => {
  let schema: string;
  const opened: Database[] = [];
  const open = async (migrations = MIGRATIONS, at = target(), name = schema) => {
    const db = await openDatabase(at, { schema: name, migrations });
    opened.push(db);
    return db;
  };

  beforeEach(() => (schema = uniqueName('persist')));
  afterEach(async () => {
    if (engine === 'PostgreSQL') await opened[0]?.query(`drop schema if exists "${schema}" cascade`);
    await Promise.all(opened.splice(0).map((db) => db.close()));
  });

  it('applies the migrations once, records them, and re-opening is a no-op', async () => {
    const db = await open();
    const { rows } = await db.query<{ version: number; name: string }>('select version, name from schema_migrations order by version');
    expect(rows.map((r) => [Number(r.version), r.name])).toEqual([[1, 'jobs'], [2, 'jobs state']]);
    await db.query('insert into jobs (ticket, payload) values ($1, $2)', ['T1', JSON.stringify({ a: 1 })]);
    if (engine === 'PostgreSQL') {
      const again = await open();
      expect((await again.query('select count(*)::int as n from schema_migrations')).rows).toEqual([{ n: 2 }]);
      expect((await again.query<{ state: string }>('select state from jobs')).rows).toEqual([{ state: 'new' }]);
    }
  });

  it('refuses a migration whose SQL changed after it was applied', async () => {
    const db = await open();
    expect(db.schema).toBe(schema);
    const edited = [MIGRATIONS[0], { ...MIGRATIONS[1], sql: `${MIGRATIONS[1].sql} -- edited` }];
    if (engine === 'PostgreSQL') await expect(open(edited)).rejects.toThrow(/was changed after it was applied/);
    else await expect(openDatabase({ kind: 'pglite' }, { schema, migrations: [{ ...MIGRATIONS[0], version: 2 }, MIGRATIONS[0]] })).rejects.toThrow(/strictly increase/);
  });

  it('rolls a transaction back when its work throws, and upserts with ON CONFLICT', async () => {
    const db = await open();
    await expect(
      db.transaction(async (tx) => {
        await tx.query('insert into jobs (ticket, payload) values ($1, $2)', ['T1', '{}']);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect((await db.query('select count(*)::int as n from jobs')).rows).toEqual([{ n: 0 }]);
    const insert = "insert into jobs (ticket, payload) values ($1, '{}') on conflict (ticket) do nothing returning id";
    expect((await db.query(insert, ['T2'])).rows).toHaveLength(1);
    expect((await db.query(insert, ['T2'])).rows).toHaveLength(0);
  });

  it('keeps two schemas apart', async () => {
    const a = await open();
    const otherSchema = uniqueName('persist_b');
    const b = await open(MIGRATIONS, target(), otherSchema);
    try {
      await a.query("insert into jobs (ticket, payload) values ('only-in-a', '{}')");
      expect((await b.query('select count(*)::int as n from jobs')).rows).toEqual([{ n: 0 }]);
    } finally {
      if (engine === 'PostgreSQL') await b.query(`drop schema if exists "${otherSchema}" cascade`);
    }
  });
});

describe('PostgreSQL specifics the services rely on', () => {
  it('lets two replicas share work with FOR UPDATE SKIP LOCKED', async () => {
    const schema = uniqueName('skip');
    const replicaA = await openDatabase({ kind: 'postgres', url: postgresUrl() }, { schema, migrations: MIGRATIONS });
    const replicaB = await openDatabase({ kind: 'postgres', url: postgresUrl() }, { schema, migrations: MIGRATIONS });
    try {
      await replicaA.query("insert into jobs (ticket, payload) values ('T1', '{}'), ('T2', '{}')");
      const take = 'select ticket from jobs order by id limit 1 for update skip locked';
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let firstTaken = '';
      const a = replicaA.transaction(async (tx) => {
        firstTaken = (await tx.query<{ ticket: string }>(take)).rows[0].ticket;
        await held;
      });
      while (!firstTaken) await new Promise((resolve) => setTimeout(resolve, 10));
      const secondTaken = await replicaB.transaction(async (tx) => (await tx.query<{ ticket: string }>(take)).rows[0]?.ticket);
      release();
      await a;
      expect([firstTaken, secondTaken]).toEqual(['T1', 'T2']);
    } finally {
      await replicaA.query(`drop schema if exists "${schema}" cascade`);
      await Promise.all([replicaA.close(), replicaB.close()]);
    }
  });

  it('migrates once when several replicas start at the same time', async () => {
    const schema = uniqueName('race');
    const replicas = await Promise.all(Array.from({ length: 4 }, () => openDatabase({ kind: 'postgres', url: postgresUrl() }, { schema, migrations: MIGRATIONS })));
    const client = new Client({ connectionString: postgresUrl() });
    await client.connect();
    try {
      expect((await client.query(`select count(*)::int as n from "${schema}".schema_migrations`)).rows).toEqual([{ n: 2 }]);
    } finally {
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
      await Promise.all(replicas.map((db) => db.close()));
    }
  });
});

describe('PGlite data folder', () => {
  it('keeps data across a restart, and lets two services share one folder in one process', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pglite-'));
    try {
      const ingress = await openDatabase({ kind: 'pglite', dataDir: dir }, { schema: 'ingress', migrations: MIGRATIONS });
      const gateway = await openDatabase({ kind: 'pglite', dataDir: dir }, { schema: 'gateway', migrations: MIGRATIONS });
      await ingress.query("insert into jobs (ticket, payload) values ('kept', '{\"n\":1}')");
      expect((await gateway.query('select count(*)::int as n from jobs')).rows).toEqual([{ n: 0 }]);
      await Promise.all([ingress.close(), gateway.close()]);
      const reopened = await openDatabase({ kind: 'pglite', dataDir: dir }, { schema: 'ingress', migrations: MIGRATIONS });
      expect((await reopened.query<{ payload: { n: number } }>('select payload from jobs')).rows).toEqual([{ payload: { n: 1 } }]);
      await reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
