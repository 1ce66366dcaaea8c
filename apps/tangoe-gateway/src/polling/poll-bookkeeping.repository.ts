import { Inject, Injectable } from '@nestjs/common';
import type { Database, Queryable } from '@bridge/persistence';
import { DATABASE } from '@bridge/platform';

/** What the poll last published of a linked ticket's request, and the state the client itself set there. */
export interface PolledLink {
  tangoeState: string | null;
  lastInteractionId: number | null;
  clientSetState: string | null;
}

/**
 * The support request poll's own notes on the gateway's tickets: how far it published each linked request, the
 * requests it passed by before their ticket was linked, and the comments the gateway sent (no news for the client).
 */
@Injectable()
export class PollBookkeepingRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /** The ticket's link when it is linked to this request; undefined while it is not (or is not known here). */
  async linkedTo(tx: Queryable, clientId: string, externalSourceId: string, supportRequestId: number): Promise<PolledLink | undefined> {
    const { rows } = await tx.query<{ tangoe_state: string | null; last_interaction_id: string | null; client_set_state: string | null }>(
      `select tangoe_state, last_interaction_id, client_set_state from ticket_links where client_id = $1 and external_source_id = $2 and status = 'linked' and support_request_id = $3`,
      [clientId, externalSourceId, supportRequestId],
    );
    const row = rows[0];
    return row && { tangoeState: row.tangoe_state, lastInteractionId: row.last_interaction_id === null ? null : Number(row.last_interaction_id), clientSetState: row.client_set_state };
  }

  /**
   * Every comment the gateway sent or is sending on the ticket, recorded before the call: one whose answer never came
   * back (a dropped connection, a kill) has no interaction id yet, and is known by its text.
   */
  async commentsSent(tx: Queryable, clientId: string, externalSourceId: string): Promise<Array<{ interactionId: number | null; text: string }>> {
    const { rows } = await tx.query<{ interaction_id: string | null; text: string }>('select interaction_id, text from interaction_sends where client_id = $1 and external_source_id = $2', [
      clientId,
      externalSourceId,
    ]);
    return rows.map((row) => ({ interactionId: row.interaction_id === null ? null : Number(row.interaction_id), text: row.text }));
  }

  /** What the poll just published of the ticket's request: its state and its newest interaction are no news next time. */
  async notePublished(tx: Queryable, clientId: string, externalSourceId: string, tangoeState: string, lastInteractionId: number): Promise<void> {
    await tx.query(`update ticket_links set tangoe_state = $3, last_interaction_id = $4 where client_id = $1 and external_source_id = $2`, [
      clientId,
      externalSourceId,
      tangoeState,
      lastInteractionId,
    ]);
  }

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
