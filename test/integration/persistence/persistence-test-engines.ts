import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { Database, DatabaseTarget, Migration, OpenDatabaseOptions } from '@bridge/persistence';
import { openDatabase } from '@bridge/persistence';
import { uniqueName } from '@bridge/test-infra';

/** The real PostgreSQL of the run. Missing means the run cannot prove anything about it: fail, never skip. */
export function postgresUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is missing: the persistence integration tests need a real PostgreSQL (run scripts/infra/postgres-start.sh)');
  return url;
}

/** The migrations both engines run in these tests: the column types and clauses the services rely on. */
export const JOB_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'jobs',
    sql: `
      create table jobs (
        id bigserial primary key,
        ticket text not null unique,
        payload jsonb not null,
        taken_by text,
        created_at timestamptz not null default now()
      );
      create index jobs_untaken on jobs (id) where taken_by is null;
    `,
  },
  { version: 2, name: 'job state', sql: `alter table jobs add column state text not null default 'new'` },
];

export const ENGINES = ['postgres', 'pglite'] as const;

/** The error a promise rejects with; fails the test if it resolves. */
export async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure, but it succeeded');
}

/**
 * One test's view of an engine: a fresh schema (and, for PGlite, a fresh data folder so re-opening finds the same
 * data), every database it opened, and cleanup that closes them and drops the schemas.
 */
export class EngineFixture {
  readonly schema = uniqueName('persist');
  private readonly opened: Database[] = [];
  private readonly schemas = new Set<string>([this.schema]);
  private readonly dataDir?: string;

  constructor(readonly engine: 'postgres' | 'pglite') {
    if (engine === 'pglite') this.dataDir = mkdtempSync(path.join(os.tmpdir(), 'bridge-pglite-'));
    else postgresUrl();
  }

  target(): DatabaseTarget {
    return this.engine === 'postgres' ? { kind: 'postgres', url: postgresUrl(), poolSize: 4 } : { kind: 'pglite', dataDir: this.dataDir };
  }

  otherSchema(): string {
    const schema = uniqueName('persist_other');
    this.schemas.add(schema);
    return schema;
  }

  async open(options: Partial<OpenDatabaseOptions> = {}): Promise<Database> {
    const schema = options.schema ?? this.schema;
    this.schemas.add(schema);
    const database = await openDatabase(this.target(), { schema, migrations: options.migrations ?? JOB_MIGRATIONS, applicationName: options.applicationName });
    this.opened.push(database);
    return database;
  }

  async cleanup(): Promise<void> {
    await Promise.all(this.opened.splice(0).map((database) => database.close()));
    if (this.engine === 'postgres') await dropSchemas([...this.schemas]);
    if (this.dataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/**
 * A fresh database of `engine` with `migrations` for each test of the enclosing describe, closed and dropped after
 * it: call inside a describe, and read the test's database through the function it returns.
 */
export function databasePerTest(engine: 'postgres' | 'pglite', migrations: readonly Migration[]): () => Database {
  let fixture: EngineFixture;
  let database: Database;
  beforeEach(async () => {
    fixture = new EngineFixture(engine);
    database = await fixture.open({ migrations });
  });
  afterEach(() => fixture.cleanup());
  return () => database;
}

export async function dropSchemas(schemas: string[]): Promise<void> {
  const client = new Client({ connectionString: postgresUrl() });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}
