import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Database } from '@bridge/persistence';
import { DATABASE } from '@bridge/platform';

export interface ReconcileState {
  clientId: string;
  watermark: Date;
  nextRunAt: Date;
  /** Set while a replica runs the client: its lease ends then unless renewed. */
  leasedUntil?: Date;
  lastRunAt?: Date;
  lastRecordsRead: number;
  lastChangesFound: number;
  lastError?: string;
}

/** Where each client's reconciliation stands; claims are leases, so replicas share the clients without double work. */
@Injectable()
export class ReconcileStateRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /** A client seen for the first time is read from `since` on. */
  async ensure(clientId: string, since: Date): Promise<void> {
    await this.database.query('insert into reconcile_state (client_id, watermark) values ($1, $2) on conflict do nothing', [clientId, since]);
  }

  /**
   * The client whose run is most overdue among `clientIds`, leased to this replica for `leaseMs`; none when every due
   * client is leased to another replica (SKIP LOCKED) or none is due.
   */
  async claimDue(clientIds: readonly string[], leaseMs: number): Promise<{ clientId: string; watermark: Date; lease: string } | undefined> {
    if (clientIds.length === 0) return undefined;
    const lease = randomUUID();
    const { rows } = await this.database.query<{ client_id: string; watermark: Date }>(
      `update reconcile_state set leased_until = clock_timestamp() + $2 * interval '1 millisecond', lease_owner = $3
        where client_id = (select client_id from reconcile_state
                            where client_id = any($1::text[]) and next_run_at <= clock_timestamp()
                              and (leased_until is null or leased_until < clock_timestamp())
                            order by next_run_at limit 1 for update skip locked)
        returning client_id, watermark`,
      [clientIds, leaseMs, lease],
    );
    return rows[0] ? { clientId: rows[0].client_id, watermark: new Date(rows[0].watermark), lease } : undefined;
  }

  /**
   * How long until one of `clientIds` may be claimed (its run due and not leased), in ms; 0 or less when one may be
   * now, none when there is none. The scheduler sleeps that long, so a run starts when it is due, not at its next poll.
   */
  async nextDueInMs(clientIds: readonly string[]): Promise<number | undefined> {
    if (clientIds.length === 0) return undefined;
    const { rows } = await this.database.query<{ due_in_ms: number | null }>(
      `select extract(epoch from min(greatest(next_run_at, coalesce(leased_until, next_run_at))) - clock_timestamp()) * 1000 as due_in_ms
         from reconcile_state where client_id = any($1::text[])`,
      [clientIds],
    );
    return rows[0]?.due_in_ms === null || rows[0]?.due_in_ms === undefined ? undefined : Number(rows[0].due_in_ms);
  }

  /** Extends this run's lease while it goes on; false when the lease was lost (it ran out and another replica took the client). */
  async renew(clientId: string, lease: string, leaseMs: number): Promise<boolean> {
    const { rowCount } = await this.database.query(`update reconcile_state set leased_until = clock_timestamp() + $3 * interval '1 millisecond' where client_id = $1 and lease_owner = $2`, [clientId, lease, leaseMs]);
    return rowCount > 0;
  }

  /** This run ended: the watermark moves only forward, and only after a run that read everything; a lost lease changes nothing. */
  async finish(clientId: string, lease: string, outcome: { watermark?: Date; recordsRead: number; changesFound: number; error?: string }, nextRunInMs: number): Promise<void> {
    await this.database.query(
      `update reconcile_state set watermark = greatest(watermark, coalesce($3, watermark)), next_run_at = clock_timestamp() + $4 * interval '1 millisecond',
              leased_until = null, lease_owner = null, last_run_at = clock_timestamp(), last_records_read = $5, last_changes_found = $6, last_error = $7
        where client_id = $1 and lease_owner = $2`,
      [clientId, lease, outcome.watermark ?? null, nextRunInMs, outcome.recordsRead, outcome.changesFound, outcome.error ?? null],
    );
  }

  /** Runs the client as soon as a replica is free (the admin API's "run now"). */
  async runNow(clientId: string): Promise<boolean> {
    const { rowCount } = await this.database.query('update reconcile_state set next_run_at = clock_timestamp() where client_id = $1', [clientId]);
    return rowCount > 0;
  }

  async all(): Promise<ReconcileState[]> {
    const { rows } = await this.database.query<Record<string, unknown>>('select * from reconcile_state order by client_id');
    return rows.map((row) => ({
      clientId: String(row.client_id),
      watermark: new Date(row.watermark as string),
      nextRunAt: new Date(row.next_run_at as string),
      leasedUntil: row.leased_until ? new Date(row.leased_until as string) : undefined,
      lastRunAt: row.last_run_at ? new Date(row.last_run_at as string) : undefined,
      lastRecordsRead: Number(row.last_records_read),
      lastChangesFound: Number(row.last_changes_found),
      lastError: (row.last_error as string | null) ?? undefined,
    }));
  }
}
