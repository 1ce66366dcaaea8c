import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { type Database, openDatabase } from '@bridge/persistence';
import { JOB_MIGRATIONS } from './persistence-test-engines';

/** Where node_modules is, so the child process below finds @electric-sql/pglite. */
const REPO_ROOT = path.resolve(__dirname, '../../..');

/** Reads with a plain PGlite in another process: proves the data reached the folder and the folder was let go. */
async function readInAnotherProcess(dataDir: string, sql: string): Promise<unknown[]> {
  const script = `
    import { PGlite } from '@electric-sql/pglite';
    const db = await PGlite.create({ dataDir: process.env.DATA_DIR });
    const { rows } = await db.query(process.env.SQL);
    await db.close();
    process.stdout.write(JSON.stringify(rows));
  `;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATA_DIR: dataDir, SQL: sql },
  });
  return JSON.parse(stdout) as unknown[];
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('PGlite for the standalone run', () => {
  let dataDir: string;
  const opened: Database[] = [];
  const openIn = async (dir: string | undefined, schema: string) => {
    const db = await openDatabase({ kind: 'pglite', dataDir: dir }, { schema, migrations: JOB_MIGRATIONS });
    opened.push(db);
    return db;
  };
  const open = (schema: string) => openIn(dataDir, schema);

  beforeEach(() => (dataDir = mkdtempSync(path.join(os.tmpdir(), 'bridge-pglite-'))));
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((db) => db.close()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps data in its folder across a restart', async () => {
    const first = await open('ingress');
    await first.query('insert into jobs (ticket, payload) values ($1, $2)', ['kept', { n: 1 }]);
    await first.close();

    const reopened = await open('ingress');
    expect((await reopened.query('select ticket, payload from jobs')).rows).toEqual([{ ticket: 'kept', payload: { n: 1 } }]);
    expect((await reopened.query('select version from schema_migrations')).rowCount).toBe(2);
    await reopened.close();

    expect(await readInAnotherProcess(dataDir, 'select ticket from ingress.jobs')).toEqual([{ ticket: 'kept' }]);
  });

  it('lets several services open their own schemas in one folder, and closes it after the last one', async () => {
    const [ingress, gateway, notifier] = await Promise.all([open('ingress'), open('tangoe_gateway'), open('outbound_notifier')]);
    await ingress.query("insert into jobs (ticket, payload) values ('from-ingress', '{}')");
    await gateway.transaction((tx) => tx.query("insert into jobs (ticket, payload) values ('from-gateway', '{}')"));
    expect((await notifier.query('select count(*)::int as n from jobs')).rows).toEqual([{ n: 0 }]);
    expect((await gateway.query('select ticket from jobs')).rows).toEqual([{ ticket: 'from-gateway' }]);

    // One service stopping leaves the shared instance open for the others.
    await ingress.close();
    expect((await gateway.query('select ticket from jobs')).rows).toEqual([{ ticket: 'from-gateway' }]);
    await Promise.all([gateway.close(), notifier.close()]);

    // Closed for real: another process can open the folder and finds both services' rows.
    expect(await readInAnotherProcess(dataDir, 'select ticket from ingress.jobs union all select ticket from tangoe_gateway.jobs order by 1')).toEqual([
      { ticket: 'from-gateway' },
      { ticket: 'from-ingress' },
    ]);
    const again = await open('ingress');
    expect((await again.query('select ticket from jobs')).rows).toEqual([{ ticket: 'from-ingress' }]);
  });

  it('keeps other callers, of any schema, out of a running transaction until it ends', async () => {
    const [a, b] = await Promise.all([open('svc_a'), open('svc_b')]);
    const gate = deferred();
    const outsiders: string[] = [];
    const transaction = a.transaction(async (tx) => {
      await tx.query("insert into jobs (ticket, payload) values ('inside', '{}')");
      await gate.promise;
      for (let i = 0; i < 5; i++) await tx.query('select 1');
      expect(outsiders).toEqual([]);
      // Still svc_a's tables, though svc_b's statement is waiting on the same connection.
      await tx.query("insert into jobs (ticket, payload) values ('inside-2', '{}')");
      throw new Error('roll it all back');
    });
    // Started outside the transaction's async context: they must queue behind it, not join it.
    const outsideA = a.query<{ ticket: string }>('select ticket from jobs order by ticket').then((r) => (outsiders.push('a'), r));
    const outsideB = b.query("insert into jobs (ticket, payload) values ('b', '{}')").then((r) => (outsiders.push('b'), r));
    gate.resolve();
    await expect(transaction).rejects.toThrow('roll it all back');
    expect((await outsideA).rows).toEqual([]);
    await outsideB;
    expect(outsiders).toEqual(['a', 'b']);
    expect((await b.query('select ticket from jobs')).rows).toEqual([{ ticket: 'b' }]);
    expect((await a.query('select count(*)::int as n from jobs')).rows).toEqual([{ n: 0 }]);
  });

  it('does not let work that outlives its transaction slip into the next one', async () => {
    const db = await open('svc');
    const afterCommit = deferred();
    let straggler: Promise<{ rows: Array<{ n: number }> }> | undefined;
    await db.transaction(async (tx) => {
      await tx.query("insert into jobs (ticket, payload) values ('committed', '{}')");
      // Fire-and-forget work started inside the transaction keeps its async context after the commit.
      straggler = afterCommit.promise.then(() => db.query<{ n: number }>('select count(*)::int as n from jobs'));
    });
    const nextGate = deferred();
    const next = db.transaction(async (tx) => {
      await tx.query("insert into jobs (ticket, payload) values ('uncommitted', '{}')");
      afterCommit.resolve();
      await nextGate.promise;
      throw new Error('rolled back');
    });
    await afterCommit.promise;
    nextGate.resolve();
    await expect(next).rejects.toThrow('rolled back');
    expect((await straggler!).rows).toEqual([{ n: 1 }]);
  });

  it('keeps a nested transaction as a savepoint that rolls back on its own', async () => {
    const db = await open('svc');
    await db.transaction(async (tx) => {
      await tx.query("insert into jobs (ticket, payload) values ('outer', '{}')");
      await expect(
        db.transaction(async (inner) => {
          await inner.query("insert into jobs (ticket, payload) values ('inner', '{}')");
          await inner.query("insert into jobs (ticket, payload) values ('outer', '{}')");
        }),
      ).rejects.toMatchObject({ code: 'unique_violation' });
      await tx.query("insert into jobs (ticket, payload) values ('after', '{}')");
    });
    expect((await db.query('select ticket from jobs order by id')).rows).toEqual([{ ticket: 'outer' }, { ticket: 'after' }]);
  });

  it('gives each in-memory opener its own database', async () => {
    const one = await openIn(undefined, 'svc');
    const two = await openIn(undefined, 'svc');
    await one.query("insert into jobs (ticket, payload) values ('only-in-one', '{}')");
    expect((await two.query('select count(*)::int as n from jobs')).rows).toEqual([{ n: 0 }]);
  });

  it('reopens a folder right after the last view closed it', async () => {
    const first = await open('svc');
    await first.query("insert into jobs (ticket, payload) values ('T', '{}')");
    const closing = first.close();
    const second = await open('svc');
    await closing;
    expect((await second.query('select ticket from jobs')).rows).toEqual([{ ticket: 'T' }]);
  });
});
