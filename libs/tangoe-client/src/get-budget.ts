import { setTimeout as sleep } from 'node:timers/promises';
import type { Database, Migration } from '@bridge/persistence';
import { TangoeApiError } from './tangoe-api-error';

/** Decides when a GET may go to Tangoe. Shared by every replica through PostgreSQL: the limit is per API user, not per process. */
export interface GetBudget {
  /** Resolves once a GET may go, with the moment the grant counts from (by the budget's own clock). */
  acquire(apiUser: string): Promise<Date>;
}

export const TANGOE_GET_BUDGET_MIGRATION: Migration = {
  version: 1000,
  name: 'tangoe get budget',
  sql: `
    create table tangoe_get_grants (
      api_user text not null,
      granted_at timestamptz not null
    );
    create index tangoe_get_grants_window on tangoe_get_grants (api_user, granted_at);
  `,
};

export interface PostgresGetBudgetOptions {
  /** GETs per window; Tangoe allows 100 per minute per API user. */
  limit: number;
  /** Share of the limit left for the client's other uses of the same API user. */
  reservedShare?: number;
  /**
   * A little longer than Tangoe's minute: a GET granted now may arrive a moment later, and Tangoe counts arrivals.
   */
  windowMs?: number;
  /** How long acquire waits for a free slot before failing with a retriable error. */
  maxWaitMs?: number;
}

/**
 * A sliding window of grants per API user in PostgreSQL. Each acquire takes a transaction-scoped advisory lock
 * on the user, counts the grants still in the window by the database's clock (one clock for all replicas), and
 * either records a grant or learns when the oldest one leaves the window.
 */
export class PostgresGetBudget implements GetBudget {
  private readonly allowed: number;
  private readonly windowMs: number;
  private readonly maxWaitMs: number;

  constructor(private readonly database: Database, options: PostgresGetBudgetOptions) {
    this.allowed = Math.max(1, Math.floor(options.limit * (1 - (options.reservedShare ?? 0))));
    this.windowMs = options.windowMs ?? 62_000;
    this.maxWaitMs = options.maxWaitMs ?? 5 * 60_000;
  }

  async acquire(apiUser: string): Promise<Date> {
    const deadline = Date.now() + this.maxWaitMs;
    for (;;) {
      const { grantedAt, waitMs } = await this.tryAcquire(apiUser);
      if (grantedAt) return grantedAt;
      if (Date.now() + waitMs > deadline) {
        throw new TangoeApiError('rate_limited', `Tangoe GET budget of ${apiUser} exhausted for longer than ${this.maxWaitMs} ms`, { retryAfterMs: waitMs });
      }
      await sleep(waitMs);
    }
  }

  /** The grant's time by the database's clock when granted, else the milliseconds until a slot frees. */
  private tryAcquire(apiUser: string): Promise<{ grantedAt?: Date; waitMs: number }> {
    return this.database.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`tangoe-get:${apiUser}`]);
      const window = `${this.windowMs} milliseconds`;
      await tx.query(`delete from tangoe_get_grants where api_user = $1 and granted_at <= clock_timestamp() - $2::interval`, [apiUser, window]);
      const { rows } = await tx.query<{ used: number; wait_ms: number | null }>(
        `select count(*)::int as used,
                ceil(extract(epoch from (min(granted_at) + $2::interval - clock_timestamp())) * 1000)::int as wait_ms
           from (select granted_at from tangoe_get_grants where api_user = $1 order by granted_at desc limit $3) recent`,
        [apiUser, window, this.allowed],
      );
      if (rows[0].used < this.allowed) {
        const granted = await tx.query<{ granted_at: Date | string }>(
          'insert into tangoe_get_grants (api_user, granted_at) values ($1, clock_timestamp()) returning granted_at',
          [apiUser],
        );
        return { grantedAt: new Date(granted.rows[0].granted_at), waitMs: 0 };
      }
      return { waitMs: Math.max(1, rows[0].wait_ms ?? 1) };
    });
  }
}
