import { Inject, Injectable } from '@nestjs/common';
import { type Database, lockedTransaction } from '@bridge/persistence';
import { DATABASE } from '@bridge/platform';

/** The answer to one ask: the grant's time by the database's clock, or how long until a slot frees. */
export type GrantAnswer = { grantedAt: Date; waitMs: 0 } | { grantedAt?: undefined; waitMs: number };

/**
 * The GETs granted to each Tangoe API user, in a sliding window counted by the database's clock: one clock, and one
 * count, for every replica.
 */
@Injectable()
export class GetGrantsRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /**
   * Under a lock on the API user, forgets the grants that left the window, then either records a grant (fewer than
   * `allowed` in the window) or answers when the oldest of them leaves it.
   */
  tryGrant(apiUser: string, allowed: number, windowMs: number): Promise<GrantAnswer> {
    return lockedTransaction(this.database, `tangoe-get:${apiUser}`, async (tx) => {
      const window = `${windowMs} milliseconds`;
      await tx.query(`delete from tangoe_get_grants where api_user = $1 and granted_at <= clock_timestamp() - $2::interval`, [apiUser, window]);
      const { rows } = await tx.query<{ used: number; wait_ms: number | null }>(
        `select count(*)::int as used,
                ceil(extract(epoch from (min(granted_at) + $2::interval - clock_timestamp())) * 1000)::int as wait_ms
           from (select granted_at from tangoe_get_grants where api_user = $1 order by granted_at desc limit $3) recent`,
        [apiUser, window, allowed],
      );
      if (rows[0].used < allowed) {
        const granted = await tx.query<{ granted_at: Date | string }>('insert into tangoe_get_grants (api_user, granted_at) values ($1, clock_timestamp()) returning granted_at', [apiUser]);
        return { grantedAt: new Date(granted.rows[0].granted_at), waitMs: 0 };
      }
      return { waitMs: Math.max(1, rows[0].wait_ms ?? 1) };
    });
  }

  /** GETs granted in the last minute, per API user that had any. */
  async usedInLastMinute(): Promise<Array<{ apiUser: string; used: number }>> {
    const { rows } = await this.database.query<{ api_user: string; n: string }>(
      `select api_user, count(*) as n from tangoe_get_grants where granted_at > clock_timestamp() - interval '60 seconds' group by api_user`,
    );
    return rows.map((row) => ({ apiUser: row.api_user, used: Number(row.n) }));
  }
}
