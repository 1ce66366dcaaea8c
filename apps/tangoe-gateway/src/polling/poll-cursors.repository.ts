import { Inject, Injectable } from '@nestjs/common';
import type { Database, Queryable } from '@bridge/persistence';
import { DATABASE } from '@bridge/platform';

/** Where one client's poll of one stream stands: records updated after `updatedAfter` are still to be read. */
export interface PollCursor {
  clientId: string;
  stream: string;
  updatedAfter: string | null;
}

/** The poll cursors, one per client and stream; a claim is a row lock (SKIP LOCKED), so replicas share the turns. */
@Injectable()
export class PollCursorsRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /**
   * Per client, when Tangoe last answered one of its polls, and each stream whose last poll failed with its error:
   * what the console shows as "Tangoe last answered".
   */
  async lastAnswers(): Promise<Array<{ clientId: string; lastAnsweredAt: string | null; lastError: string | null }>> {
    const { rows } = await this.database.query<{ client_id: string; last_polled_at: Date | null; last_error: string | null }>(
      `select client_id, max(last_polled_at) as last_polled_at,
              string_agg(stream || ': ' || last_error, '; ' order by stream) filter (where last_error is not null) as last_error
         from poll_cursors group by client_id`,
    );
    return rows.map((row) => ({ clientId: row.client_id, lastAnsweredAt: row.last_polled_at?.toISOString() ?? null, lastError: row.last_error }));
  }

  /** A client's stream seen for the first time is polled from `updatedAfter` on; a known one keeps its cursor. */
  async ensure(clientId: string, stream: string, updatedAfter: string | null): Promise<void> {
    await this.database.query('insert into poll_cursors (client_id, stream, updated_after) values ($1, $2, $3) on conflict do nothing', [clientId, stream, updatedAfter]);
  }

  /**
   * Runs `turn` on the cursor whose turn is most overdue, in a transaction that holds it against every other replica
   * until `turn` settles; undefined, without running `turn`, when no cursor is due (or every due one is held).
   */
  claimDue<T>(turn: (tx: Queryable, cursor: PollCursor) => Promise<T>): Promise<T | undefined> {
    return this.database.transaction(async (tx) => {
      const { rows } = await tx.query<{ client_id: string; stream: string; updated_after: string | null }>(
        `select client_id, stream, updated_after from poll_cursors where next_poll_at <= now() order by next_poll_at limit 1 for update skip locked`,
      );
      const row = rows[0];
      return row ? turn(tx, { clientId: row.client_id, stream: row.stream, updatedAfter: row.updated_after }) : undefined;
    });
  }

  /** A turn that read everything up to `updatedAfter`: the next comes in `nextInMs`, and an earlier error is over. */
  async advance(tx: Queryable, cursor: PollCursor, updatedAfter: string | null, nextInMs: number): Promise<void> {
    await tx.query(
      `update poll_cursors set updated_after = $3, last_polled_at = now(), last_error = null, next_poll_at = now() + ($4::text || ' milliseconds')::interval where client_id = $1 and stream = $2`,
      [cursor.clientId, cursor.stream, updatedAfter, String(nextInMs)],
    );
  }

  /** A turn that failed: the cursor stays where it was, the error is kept for operators, the next turn in `nextInMs`. */
  async noteFailure(tx: Queryable, cursor: PollCursor, error: string, nextInMs: number): Promise<void> {
    await tx.query(`update poll_cursors set last_error = $3, next_poll_at = now() + ($4::text || ' milliseconds')::interval where client_id = $1 and stream = $2`, [
      cursor.clientId,
      cursor.stream,
      error,
      String(nextInMs),
    ]);
  }
}
