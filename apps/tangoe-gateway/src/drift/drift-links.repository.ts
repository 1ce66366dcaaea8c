import { Inject, Injectable } from '@nestjs/common';
import type { TicketLinkView } from '@bridge/drift';
import type { Database } from '@bridge/persistence';
import { DATABASE } from '@bridge/platform';

interface LinkRow {
  external_source_id: string;
  status: TicketLinkView['status'];
  support_request_id: string | null;
  tangoe_state: string | null;
  client_set_state: string | null;
  last_error: string | null;
  create_attempts: number;
  waiting: string | number;
  parked_error: string | null;
}

/** The gateway's ticket links as the drift report sees them: each with how many of its changes wait in its line. */
@Injectable()
export class DriftLinksRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /** The client's links, or those of these tickets only. */
  async ofClient(clientId: string, tickets?: readonly string[]): Promise<Array<{ externalSourceId: string; link: TicketLinkView }>> {
    const { rows } = await this.database.query<LinkRow>(
      `select l.external_source_id, l.status, l.support_request_id, l.tangoe_state, l.client_set_state, l.last_error, l.create_attempts,
              (select count(*) from ticket_work w where w.client_id = l.client_id and w.external_source_id = l.external_source_id and w.status = 'pending') as waiting,
              (select w.last_error from ticket_work w where w.client_id = l.client_id and w.external_source_id = l.external_source_id and w.status = 'parked'
                order by w.rank, w.id limit 1) as parked_error
         from ticket_links l
        where l.client_id = $1 and ($2::text[] is null or l.external_source_id = any($2::text[]))
        order by l.external_source_id`,
      [clientId, tickets ? [...tickets] : null],
    );
    return rows.map((row) => ({
      externalSourceId: row.external_source_id,
      link: {
        // Parked is the line's: an event of the ticket Tangoe refused, holding the rest (ADR 20).
        status: row.parked_error !== null ? 'parked' : row.status,
        supportRequestId: row.support_request_id === null ? null : Number(row.support_request_id),
        tangoeState: row.tangoe_state,
        clientSetState: row.client_set_state,
        lastError: row.parked_error ?? row.last_error,
        createAttempts: row.create_attempts,
        waitingEvents: Number(row.waiting),
      },
    }));
  }

  /**
   * Tangoe's state a drift repair just sent the client, as the poll notes what it published: the poll does not send
   * the same state again when it next reads the request.
   */
  async noteTangoeState(clientId: string, externalSourceId: string, supportRequestId: number, state: string): Promise<void> {
    await this.database.query(
      `update ticket_links set tangoe_state = $4 where client_id = $1 and external_source_id = $2 and support_request_id = $3 and status = 'linked'`,
      [clientId, externalSourceId, supportRequestId, state],
    );
  }
}
