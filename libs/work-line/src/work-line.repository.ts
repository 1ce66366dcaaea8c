import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '@bridge/persistence';
import { WorkLineError } from './work-line.error';
import type { WorkDecision } from './work-outcome';

/**
 * The columns every work line's table has (each service adds its own beside them, and creates the table in its own
 * migrations with `workLineColumns`):
 * - `id`: arrival order within a key;
 * - `client_id`, `external_source_id`: the key (a ticket); the client is also what a pause or a reload holds back;
 * - `rank`: an item of a lower rank goes before the key's earlier items (a ticket's opening before its comments);
 * - `status`: 'pending' waits its turn, 'parked' holds its key until replayed, any other status has left the line;
 * - `attempts`, `due_at`, `last_error`, `parked_cause`: the retry state.
 */
export const workLineColumns = `
  id bigserial primary key,
  client_id text not null,
  external_source_id text not null,
  rank smallint not null default 1,
  status text not null,
  attempts integer not null default 0,
  due_at timestamptz not null default now(),
  last_error text,
  parked_cause text`;

/**
 * The indexes a line's claim needs (the due items, and each key's items still in the line, in line order), and the
 * in-flight table of the first release of the line, as the migrations that created a line wrote it (their SQL is
 * checksummed, so it stays). `workLineLeases` comes after it in a later migration: a lease on each item replaces
 * that table.
 */
export function workLineIndexes(table: string): string {
  const name = identifier(table);
  return `
    create index ${name}_due on ${name} (due_at, id) where status = 'pending';
    create index ${name}_key_line on ${name} (client_id, external_source_id, rank, id) where status in ('pending', 'parked');
    create table ${name}_in_flight (item_id bigint primary key, started_at timestamptz not null, alive_at timestamptz not null);`;
}

/**
 * The lease an item carries while a lane attempts it (ADR 25): who holds it (`lease`, a token per claim), until when
 * (`leased_until`, renewed by the lane while its attempt runs) and since when (`lease_started_at`). The claim writes
 * it and commits in one statement, so it outlives a connection cut mid-call, and a claim elsewhere passes the item
 * by until the lease lapses; the decision clears it.
 */
export function workLineLeases(table: string): string {
  const name = identifier(table);
  return `
    alter table ${name} add column lease text, add column leased_until timestamptz, add column lease_started_at timestamptz;
    drop table ${name}_in_flight;`;
}

/** The line's own columns as a row; a service's row type extends it. */
export interface WorkRow {
  id: string;
  client_id: string;
  external_source_id: string;
  rank: number;
  status: string;
  attempts: number;
  due_at: Date | string;
  last_error: string | null;
  parked_cause: string | null;
  /** The claim that holds it, while one does (see workLineLeases). */
  lease: string | null;
  leased_until: Date | string | null;
}

export interface ClaimScope {
  /** Clients whose items may be worked on now: the configured ones that nobody holds back. */
  clients: readonly string[];
  /** Only this key's head (a replay run at once). */
  key?: { clientId: string; externalSourceId: string };
}

/** A client's items in a line: those waiting their turn, and those parked. */
export interface LineCounts {
  pending: number;
  parked: number;
}

/** Which parked items a replay puts back in line. */
export type ReplayScope = { id: string } | { clientId: string; externalSourceId?: string; parkedCause?: string };

/**
 * All the SQL of a work line: a per-key line in PostgreSQL that any number of replicas work on together. A claim
 * takes the due head of one key (no earlier item of its key pending or parked) that no lease holds, and leases it in
 * the same statement, so one key has one holder and its items never overtake each other, across replicas, restarts
 * and rebalances. No transaction is held while the work calls out; the decision is written in one afterwards, and
 * only by the lease's holder.
 */
export class WorkLineRepository<R extends WorkRow = WorkRow> {
  private readonly table: string;

  constructor(
    private readonly database: Database,
    table: string,
    /** The status a finished item is given ('done'; 'delivered' for the notifier's log). */
    private readonly doneStatus: string,
  ) {
    this.table = identifier(table);
  }

  /**
   * Leases the next due head in `scope` for `leaseMs` and returns it; undefined when there is none. One statement,
   * committed on its own: the lease is what holds the item from then on (its row lock lasts only the statement, and
   * a concurrent claim that waited on it reads the lease and passes the item by). `prepare` runs first in the same
   * transaction (a replay puts its parked item back there, so no other replica can take it between the replay and
   * this claim).
   */
  async claim(scope: ClaimScope, leaseMs: number, prepare?: (tx: Queryable) => Promise<unknown>): Promise<R | undefined> {
    if (scope.clients.length === 0) return undefined;
    // Two texts, not one with a `key is null or` branch: the lanes' claim, by far the most run, is prepared once
    // per connection and planned generically (a branch on a parameter kept PostgreSQL planning it afresh each time).
    const { key } = scope;
    const sql = `with head as (
         select d.id ${this.headsOf('$1')} and d.due_at <= now() and (d.leased_until is null or d.leased_until <= clock_timestamp())
           ${key ? 'and d.client_id = $4 and d.external_source_id = $5' : ''}
          order by d.due_at, d.id
          limit 1
          for no key update of d skip locked)
       update ${this.table} t set lease = $2, leased_until = clock_timestamp() + $3 * interval '1 millisecond', lease_started_at = clock_timestamp()
         from head where t.id = head.id
       returning to_jsonb(t) as item`;
    const values = [scope.clients, randomUUID(), Math.round(leaseMs), ...(key ? [key.clientId, key.externalSourceId] : [])];
    const statement = (on: Queryable) => on.query<{ item: R }>(sql, values, key ? undefined : { prepared: `${this.table}.claim` });
    const { rows } = prepare
      ? await this.database.transaction(async (tx) => {
          await prepare(tx);
          return statement(tx);
        })
      : await statement(this.database);
    // The row as one jsonb value: a prepared statement's result keeps its shape when a migration adds a column to
    // the table (`t.*` would fail on a connection that prepared it before). Its id, a bigint, is a string as ever.
    return rows[0] && { ...rows[0].item, id: String(rows[0].item.id) };
  }

  /** The holder is still at it: its lease runs `leaseMs` from now. False when the lease is no longer its own. */
  async renewLease(item: R, leaseMs: number): Promise<boolean> {
    const { rowCount } = await this.database.query(
      `update ${this.table} set leased_until = clock_timestamp() + $3 * interval '1 millisecond' where id = $1 and lease = $2`,
      [item.id, item.lease, Math.round(leaseMs)],
      { prepared: `${this.table}.renew_lease` },
    );
    return rowCount > 0;
  }

  /** The attempt is over though its decision could not be written (the database was cut): others may go on. */
  async releaseLease(item: R): Promise<void> {
    await this.database.query(`update ${this.table} set lease = null, leased_until = null where id = $1 and lease = $2`, [item.id, item.lease]);
  }

  /** Runs `fn` in one transaction: the decision on an item, and what its service records beside it. */
  inTransaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.database.transaction(fn);
  }

  /**
   * In how many ms the next head of `clients` is due (0 or less: due now), a leased one once its lease lapses;
   * undefined when the line has none. One query for all of a replica's lanes while they are idle: they claim only
   * once it says so.
   */
  async nextDueInMs(clients: readonly string[]): Promise<number | undefined> {
    if (clients.length === 0) return undefined;
    const { rows } = await this.database.query<{ in_ms: number | string }>(
      `select extract(epoch from (greatest(d.due_at, coalesce(d.leased_until, d.due_at)) - now())) * 1000 as in_ms ${this.headsOf('$1')}
        order by 1
        limit 1`,
      [clients],
    );
    return rows[0] ? Number(rows[0].in_ms) : undefined;
  }

  /**
   * Writes the line's decision on a leased item, and lets the lease go, in `tx`: only while the lease is still the
   * holder's (a holder whose lease lapsed, and was taken by another claim, writes nothing).
   */
  async settle(tx: Queryable, item: R, decision: WorkDecision): Promise<void> {
    const { set, values } = settlement(decision, this.doneStatus);
    const { rowCount } = await tx.query(`update ${this.table} set ${set}, lease = null, leased_until = null where id = $1 and lease = $2`, [item.id, item.lease, ...values], {
      prepared: `${this.table}.settle.${decision.kind}`,
    });
    if (rowCount === 0) throw new WorkLineError('lease_lost', `item ${item.id} of ${this.table} is no longer held by this attempt (its lease lapsed and another claim took it): its decision is not written`);
  }

  /**
   * Puts parked items back in line, due now, with their attempts as they were: a replay is one more try, and a
   * failure parks the item again at once with the new answer. Returns the ids put back.
   */
  async replay(scope: ReplayScope, tx: Queryable = this.database): Promise<string[]> {
    const { rows } =
      'id' in scope
        ? await tx.query<{ id: string }>(`update ${this.table} set status = 'pending', due_at = now(), parked_cause = null where id = $1 and status = 'parked' returning id`, [scope.id])
        : await tx.query<{ id: string }>(
            `update ${this.table} set status = 'pending', due_at = now(), parked_cause = null
              where status = 'parked' and client_id = $1 and ($2::text is null or external_source_id = $2) and ($3::text is null or parked_cause = $3) returning id`,
            [scope.clientId, scope.externalSourceId ?? null, scope.parkedCause ?? null],
          );
    return rows.map((row) => String(row.id));
  }

  /**
   * The statement that lets a key's items go once what they waited for has come: those not yet tried wait no more,
   * those parked for `cause` are back in line (as a replay puts them). A subclass folds it into its append's own
   * statement, as a CTE: `client`, `key` and `cause` are that statement's placeholders, `when` its condition.
   */
  protected keyResumedStatement(where: { client: string; key: string; cause: string; when: string }): string {
    return `update ${this.table} set status = 'pending', due_at = now(), parked_cause = null
             where (${where.when}) and client_id = ${where.client} and external_source_id = ${where.key}
               and ((status = 'pending' and attempts = 0 and due_at > now()) or (status = 'parked' and parked_cause = ${where.cause}))`;
  }

  async find(id: string): Promise<R | undefined> {
    return (await this.database.query<R>(`select * from ${this.table} where id = $1`, [id])).rows[0];
  }

  /** Every parked item, oldest first. */
  async parked(clientId?: string): Promise<R[]> {
    return (await this.database.query<R>(`select * from ${this.table} where status = 'parked' and ($1::text is null or client_id = $1) order by id`, [clientId ?? null])).rows;
  }

  /** Items in the line per client with any, pending and parked, for the metric and the console. */
  async countsByClient(): Promise<Map<string, LineCounts>> {
    const { rows } = await this.database.query<{ client_id: string; status: 'pending' | 'parked'; n: string }>(
      `select client_id, status, count(*) as n from ${this.table} where status in ('pending', 'parked') group by client_id, status order by client_id, status`,
    );
    const byClient = new Map<string, LineCounts>();
    for (const row of rows) {
      const counts = byClient.get(row.client_id) ?? { pending: 0, parked: 0 };
      counts[row.status] = Number(row.n);
      byClient.set(row.client_id, counts);
    }
    return byClient;
  }

  /** How many of the client's keys have items waiting their turn. */
  async keysWaiting(clientId: string): Promise<number> {
    const { rows } = await this.database.query<{ n: string }>(`select count(distinct external_source_id) as n from ${this.table} where status = 'pending' and client_id = $1`, [clientId]);
    return Number(rows[0].n);
  }

  /** How many items of this key are still in the line (pending or parked). */
  async inLine(clientId: string, externalSourceId: string): Promise<number> {
    const { rows } = await this.database.query<{ n: string }>(`select count(*) as n from ${this.table} where status in ('pending', 'parked') and client_id = $1 and external_source_id = $2`, [clientId, externalSourceId]);
    return Number(rows[0].n);
  }

  /**
   * The pending heads of the clients' keys, as `d`: no earlier item of the key pending or parked, and no other item
   * of it leased (an opening, of a lower rank, appended while a change of its ticket is being attempted waits for
   * that attempt's decision).
   */
  private headsOf(clientsParam: string): string {
    return `from ${this.table} d
      where d.status = 'pending' and d.client_id = any(${clientsParam}::text[])
        and not exists (select 1 from ${this.table} e
                         where e.client_id = d.client_id and e.external_source_id = d.external_source_id
                           and e.status in ('pending', 'parked') and e.id <> d.id
                           and ((e.rank, e.id) < (d.rank, d.id) or e.leased_until > clock_timestamp()))`;
  }
}

/** What a decision sets on its item ($1 is the item's id, $2 its lease; the values follow from $3). */
function settlement(decision: WorkDecision, doneStatus: string): { set: string; values: unknown[] } {
  switch (decision.kind) {
    case 'done':
      return { set: `status = $3, attempts = $4, last_error = null`, values: [doneStatus, decision.attempts] };
    case 'retry':
      return { set: `attempts = $3, due_at = now() + $4 * interval '1 millisecond', last_error = $5`, values: [decision.attempts, Math.round(decision.delayMs), decision.error] };
    case 'park':
      return { set: `status = 'parked', attempts = $3, last_error = $4, parked_cause = $5`, values: [decision.attempts, decision.error, decision.parkedCause ?? null] };
    case 'later':
      return { set: `due_at = now() + $3 * interval '1 millisecond'`, values: [Math.round(decision.delayMs)] };
  }
}

/** A table name is placed in SQL, never a value: only a plain identifier is accepted. */
function identifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`work line table "${name}" is not a plain lower-case identifier`);
  return name;
}
