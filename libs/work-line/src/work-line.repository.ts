import type { Database, Queryable } from '@bridge/persistence';
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
 * The indexes a line's claim needs (the due items, and each key's items still in the line, in line order), and its
 * in-flight table: an attempt's start, committed on its own before the work calls out, kept alive by its lane
 * while the attempt runs, and removed with the decision. A claim that finds a live one knows that attempt is still
 * running (its lane's connection was cut, a PostgreSQL restart, while its call went on) and waits rather than make
 * a second; one its lane stopped keeping alive (the process died) is over.
 */
export function workLineIndexes(table: string): string {
  const name = identifier(table);
  return `
    create index ${name}_due on ${name} (due_at, id) where status = 'pending';
    create index ${name}_key_line on ${name} (client_id, external_source_id, rank, id) where status in ('pending', 'parked');
    create table ${name}_in_flight (item_id bigint primary key, started_at timestamptz not null, alive_at timestamptz not null);`;
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
}

export interface ClaimScope {
  /** Clients whose items may be worked on now: the configured ones that nobody holds back. */
  clients: readonly string[];
  /** Only this key's head (a replay run at once). */
  key?: { clientId: string; externalSourceId: string };
}

/** Which parked items a replay puts back in line. */
export type ReplayScope = { id: string } | { clientId: string; externalSourceId?: string; parkedCause?: string };

/**
 * All the SQL of a work line: a per-key line in PostgreSQL that any number of replicas work on together. A claim
 * takes the due head of one key (no earlier item of its key pending or parked) and locks it for the transaction the
 * work runs in, skipping what another replica holds, so one key has one holder and its items never overtake each
 * other, across replicas, restarts and rebalances.
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
   * Runs `work` on the next due head in `scope`, in the transaction that holds it; undefined when there is none.
   * NO KEY UPDATE, so rows that reference the item (an attempt log) can be written meanwhile on other connections.
   * `prepare` runs first in the same transaction (a replay puts its parked item back there, so no other replica can
   * take it between the replay and this claim). The claim also says, in the same round trip, whether an earlier
   * attempt at the item still runs elsewhere (its lane kept it alive within `aliveWithinMs`) and since when.
   */
  async withNextHead<T>(
    scope: ClaimScope,
    work: (item: R, tx: Queryable, runningAttemptMs: number | undefined) => Promise<T>,
    prepare: ((tx: Queryable) => Promise<unknown>) | undefined,
    aliveWithinMs: number,
  ): Promise<{ result: T } | undefined> {
    if (scope.clients.length === 0) return undefined;
    return this.database.transaction(async (tx) => {
      await prepare?.(tx);
      const { rows } = await tx.query<R & { running_attempt_ms: number | string | null }>(
        `select d.*, (select extract(epoch from (clock_timestamp() - f.started_at)) * 1000 from ${this.table}_in_flight f
                       where f.item_id = d.id and f.alive_at > clock_timestamp() - $4 * interval '1 millisecond') as running_attempt_ms
          ${this.headsOf('$1')} and d.due_at <= now()
            and ($2::text is null or (d.client_id = $2 and d.external_source_id = $3))
          order by d.due_at, d.id
          limit 1
          for no key update of d skip locked`,
        [scope.clients, scope.key?.clientId ?? null, scope.key?.externalSourceId ?? null, aliveWithinMs],
      );
      if (!rows[0]) return undefined;
      const { running_attempt_ms: running, ...item } = rows[0];
      return { result: await work(item as unknown as R, tx, running === null ? undefined : Number(running)) };
    });
  }

  /**
   * In how many ms the next head of `clients` that nobody holds is due (0 or less: due now); undefined when the
   * line has none. One query for all of a replica's lanes while they are idle: they claim only once it says so.
   * Its row lock is the statement's own, released at once; it only skips heads other lanes hold.
   */
  async nextDueInMs(clients: readonly string[]): Promise<number | undefined> {
    if (clients.length === 0) return undefined;
    const { rows } = await this.database.query<{ in_ms: number | string }>(
      `select extract(epoch from (d.due_at - now())) * 1000 as in_ms ${this.headsOf('$1')}
        order by d.due_at, d.id
        limit 1
        for no key update of d skip locked`,
      [clients],
    );
    return rows[0] ? Number(rows[0].in_ms) : undefined;
  }

  /** One process on one connection (PGlite): no other replica can claim what its lanes hold. */
  get embedded(): boolean {
    return this.database.kind === 'pglite';
  }

  /** Leaves the item where it is, not due for `delayMs`. */
  async postpone(tx: Queryable, id: string, delayMs: number): Promise<void> {
    await tx.query(`update ${this.table} set due_at = now() + $2 * interval '1 millisecond' where id = $1`, [id, Math.round(delayMs)]);
  }

  /** Committed on its own connection, before the work calls out: it outlives the claim's transaction if that is cut. */
  async markInFlight(id: string): Promise<void> {
    await this.database.query(
      `insert into ${this.table}_in_flight (item_id, started_at, alive_at) values ($1, clock_timestamp(), clock_timestamp())
       on conflict (item_id) do update set started_at = excluded.started_at, alive_at = excluded.alive_at`,
      [id],
    );
  }

  /** The lane is still at it. */
  async keepInFlight(id: string): Promise<void> {
    await this.database.query(`update ${this.table}_in_flight set alive_at = clock_timestamp() where item_id = $1`, [id]);
  }

  /** The attempt is over though its decision could not be written (its transaction was cut): others may go on. */
  async clearInFlight(id: string): Promise<void> {
    await this.database.query(`delete from ${this.table}_in_flight where item_id = $1`, [id]);
  }

  /**
   * Writes the line's decision on a claimed item, in the claim's transaction; the attempt is no longer in flight.
   * One statement: the in-flight mark goes in the same round trip.
   */
  async settle(tx: Queryable, id: string, decision: WorkDecision): Promise<void> {
    const { set, values } = settlement(decision, this.doneStatus);
    await tx.query(
      `with over as (delete from ${this.table}_in_flight where item_id = $1)
       update ${this.table} set ${set} where id = $1`,
      [id, ...values],
    );
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

  /** Items in the line per client and status (pending, parked), for the metric and the console. */
  async counts(): Promise<Array<{ clientId: string; status: 'pending' | 'parked'; items: number }>> {
    const { rows } = await this.database.query<{ client_id: string; status: 'pending' | 'parked'; n: string }>(
      `select client_id, status, count(*) as n from ${this.table} where status in ('pending', 'parked') group by client_id, status order by client_id, status`,
    );
    return rows.map((row) => ({ clientId: row.client_id, status: row.status, items: Number(row.n) }));
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

  /** The pending heads of the clients' keys (no earlier item of the key pending or parked), as `d`. */
  private headsOf(clientsParam: string): string {
    return `from ${this.table} d
      where d.status = 'pending' and d.client_id = any(${clientsParam}::text[])
        and not exists (select 1 from ${this.table} e
                         where e.client_id = d.client_id and e.external_source_id = d.external_source_id
                           and e.status in ('pending', 'parked') and (e.rank, e.id) < (d.rank, d.id))`;
  }
}

/** What a decision sets on its item ($1 is the item's id; the values follow from $2). */
function settlement(decision: WorkDecision, doneStatus: string): { set: string; values: unknown[] } {
  switch (decision.kind) {
    case 'done':
      return { set: `status = $2, attempts = $3, last_error = null`, values: [doneStatus, decision.attempts] };
    case 'retry':
      return { set: `attempts = $2, due_at = now() + $3 * interval '1 millisecond', last_error = $4`, values: [decision.attempts, Math.round(decision.delayMs), decision.error] };
    case 'park':
      return { set: `status = 'parked', attempts = $2, last_error = $3, parked_cause = $4`, values: [decision.attempts, decision.error, decision.parkedCause ?? null] };
    case 'later':
      return { set: `due_at = now() + $2 * interval '1 millisecond'`, values: [Math.round(decision.delayMs)] };
  }
}

/** A table name is placed in SQL, never a value: only a plain identifier is accepted. */
function identifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`work line table "${name}" is not a plain lower-case identifier`);
  return name;
}
