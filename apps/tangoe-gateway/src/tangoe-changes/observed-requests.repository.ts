import { Injectable } from '@nestjs/common';
import type { Queryable } from '@bridge/persistence';

/** How far the gateway published a linked ticket's request: its state and newest interaction are no news again. */
export interface ObservedRequest {
  tangoeState: string | null;
  lastInteractionId: number | null;
}

/** What the gateway published of each linked ticket's support request (ticket_links.tangoe_state, last_interaction_id). */
@Injectable()
export class ObservedRequestsRepository {
  /** The ticket's notes when it is linked to this request; undefined while it is not (or is not known here). */
  async linkedTo(tx: Queryable, clientId: string, externalSourceId: string, supportRequestId: number): Promise<ObservedRequest | undefined> {
    const { rows } = await tx.query<{ tangoe_state: string | null; last_interaction_id: string | null }>(
      `select tangoe_state, last_interaction_id from ticket_links where client_id = $1 and external_source_id = $2 and status = 'linked' and support_request_id = $3`,
      [clientId, externalSourceId, supportRequestId],
    );
    const row = rows[0];
    return row && { tangoeState: row.tangoe_state, lastInteractionId: row.last_interaction_id === null ? null : Number(row.last_interaction_id) };
  }

  async notePublished(tx: Queryable, clientId: string, externalSourceId: string, tangoeState: string, lastInteractionId: number): Promise<void> {
    await tx.query(`update ticket_links set tangoe_state = $3, last_interaction_id = $4 where client_id = $1 and external_source_id = $2`, [
      clientId,
      externalSourceId,
      tangoeState,
      lastInteractionId,
    ]);
  }
}
