import { Inject, Injectable } from '@nestjs/common';
import type { Database, Queryable } from '@bridge/persistence';
import { DATABASE } from '@bridge/platform';

/** What the gateway itself wrote at Tangoe on a ticket, as Tangoe will show it back. */
export interface TangoeEchoes {
  /** The interactions its sends became (a send whose answer never came has none yet). */
  interactionIds: ReadonlySet<number>;
  /** The text of every comment it sent or is sending, for the sends whose interaction is not known. */
  texts: readonly string[];
  /**
   * Every state the client set at Tangoe on the ticket (its cancel, its close), not only the last: Tangoe's pushes
   * may arrive out of order, and the close the client made before its cancel must not come back to it after.
   */
  clientSetStates: readonly string[];
}

/**
 * The bridge's one echo store (docs/adr/0023): each client comment the gateway sends to Tangoe (interaction_sends)
 * and the states the client sets there (ticket_links.client_set_states), written before the call, so that Tangoe
 * showing them back, by push, poll or report, is known for the client's own change.
 */
@Injectable()
export class TangoeEchoesRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  async of(tx: Queryable, clientId: string, externalSourceId: string): Promise<TangoeEchoes> {
    const sends = await tx.query<{ interaction_id: string | null; text: string }>('select interaction_id, text from interaction_sends where client_id = $1 and external_source_id = $2', [
      clientId,
      externalSourceId,
    ]);
    const link = await tx.query<{ client_set_states: string[] | null }>('select client_set_states from ticket_links where client_id = $1 and external_source_id = $2', [clientId, externalSourceId]);
    return {
      interactionIds: new Set(sends.rows.flatMap((row) => (row.interaction_id === null ? [] : [Number(row.interaction_id)]))),
      texts: sends.rows.map((row) => row.text),
      clientSetStates: link.rows[0]?.client_set_states ?? [],
    };
  }

  /** The state the client set at Tangoe on this ticket: seen again from Tangoe, it is not sent back to the client. */
  async recordClientState(clientId: string, externalSourceId: string, state: string): Promise<void> {
    await this.database.query(
      `update ticket_links set client_set_state = $3,
              client_set_states = case when $3 = any(client_set_states) then client_set_states else array_append(client_set_states, $3::text) end
        where client_id = $1 and external_source_id = $2`,
      [clientId, externalSourceId, state],
    );
  }

  /** 'sending' is written before the call; a row found in that state means an earlier call's outcome is unknown. */
  async startSend(eventId: string, clientId: string, externalSourceId: string, text: string): Promise<'new' | 'sending' | 'sent'> {
    const inserted = await this.database.query(
      `insert into interaction_sends (event_id, client_id, external_source_id, text, status) values ($1, $2, $3, $4, 'sending') on conflict do nothing`,
      [eventId, clientId, externalSourceId, text],
    );
    if (inserted.rowCount > 0) return 'new';
    const { rows } = await this.database.query<{ status: 'sending' | 'sent' }>('select status from interaction_sends where event_id = $1', [eventId]);
    return rows[0].status;
  }

  async finishSend(eventId: string, interactionId: number): Promise<void> {
    await this.database.query(`update interaction_sends set status = 'sent', interaction_id = $2 where event_id = $1`, [eventId, interactionId]);
  }

  /** Interactions this bridge sent on a support request, so an unanswered send is not matched to one of them. */
  async sentInteractionIds(clientId: string, externalSourceId: string): Promise<number[]> {
    return [...(await this.of(this.database, clientId, externalSourceId)).interactionIds];
  }

  /** Each comment of the ticket the gateway sent as an interaction, oldest first (the operator's view). */
  async interactionSends(clientId: string, externalSourceId: string): Promise<Array<{ eventId: string; status: string; interactionId: number | null; startedAt: string }>> {
    const { rows } = await this.database.query<{ event_id: string; status: string; interaction_id: string | null; started_at: string }>(
      'select event_id, status, interaction_id, started_at from interaction_sends where client_id = $1 and external_source_id = $2 order by started_at, event_id',
      [clientId, externalSourceId],
    );
    return rows.map((row) => ({ eventId: row.event_id, status: row.status, interactionId: row.interaction_id === null ? null : Number(row.interaction_id), startedAt: new Date(row.started_at).toISOString() }));
  }
}
