import { Inject, Injectable } from '@nestjs/common';
import type { Database, Queryable } from '@bridge/persistence';
import { DATABASE } from '@bridge/platform';

/**
 * The support request poll's own notes on the gateway's tickets: the requests it passed by before their ticket was
 * linked, for it to read them again once they are.
 */
@Injectable()
export class PollBookkeepingRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /**
   * The poll saw the request while its ticket was known but not linked (its opening still in its work line: being created, retried or parked): remembers the
   * earliest cursor that reads it again, for the poll to go back to once the ticket is linked. Committed on its own,
   * not in the poll's transaction, so the ticket's row is not locked while the poll talks to Tangoe. False when
   * the ticket is not known here, or is linked by now.
   */
  async notePassedBy(clientId: string, externalSourceId: string, cursorBefore: string): Promise<boolean> {
    const { rowCount } = await this.database.query(
      `update ticket_links set poll_passed_after = least(poll_passed_after, $3::timestamptz)
        where client_id = $1 and external_source_id = $2 and status <> 'linked'`,
      [clientId, externalSourceId, cursorBefore],
    );
    return rowCount > 0;
  }

  /**
   * The client's tickets linked since the poll passed their requests by, and the earliest cursor that reads them
   * all again.
   */
  async passedByBeforeLink(tx: Queryable, clientId: string): Promise<{ since: string; tickets: string[] } | undefined> {
    const { rows } = await tx.query<{ external_source_id: string; passed: Date | string }>(
      `select external_source_id, poll_passed_after as passed from ticket_links where client_id = $1 and status = 'linked' and poll_passed_after is not null`,
      [clientId],
    );
    if (rows.length === 0) return undefined;
    const since = Math.min(...rows.map((row) => new Date(row.passed).getTime()));
    return { since: new Date(since).toISOString(), tickets: rows.map((row) => row.external_source_id) };
  }

  /** In the poll's transaction that read those tickets' requests again: their marks are done with. */
  async clearPassedBy(tx: Queryable, clientId: string, tickets: string[]): Promise<void> {
    await tx.query(`update ticket_links set poll_passed_after = null where client_id = $1 and status = 'linked' and external_source_id = any($2::text[])`, [clientId, tickets]);
  }
}
