import { Inject, Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@bridge/contracts';
import type { Database } from '@bridge/persistence';
import { DATABASE } from '@bridge/platform';

export interface HeldUpdate {
  seq: string;
  event: EventEnvelope;
}

/** Tangoe's updates for clients not in the clients file now, kept until they are back (ADR 17). */
@Injectable()
export class HeldUpdatesRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /** Holding an update twice (a redelivered event) keeps the first. */
  async hold(clientId: string, event: EventEnvelope): Promise<void> {
    await this.database.query('insert into held_updates (client_id, event_id, event) values ($1, $2, $3) on conflict (client_id, event_id) do nothing', [clientId, event.id, JSON.stringify(event)]);
  }

  async holdsAny(clientId: string): Promise<boolean> {
    return (await this.database.query('select 1 from held_updates where client_id = $1 limit 1', [clientId])).rowCount > 0;
  }

  /** The client's held updates in the order they arrived. */
  async of(clientId: string): Promise<HeldUpdate[]> {
    return (await this.database.query<HeldUpdate>('select seq, event from held_updates where client_id = $1 order by seq', [clientId])).rows;
  }

  async release(seq: string): Promise<void> {
    await this.database.query('delete from held_updates where seq = $1', [seq]);
  }

  /** Held updates per client, for the console and the metrics. */
  async counts(): Promise<Array<{ clientId: string; held: number }>> {
    const { rows } = await this.database.query<{ client_id: string; n: string }>('select client_id, count(*) as n from held_updates group by client_id order by client_id');
    return rows.map((row) => ({ clientId: row.client_id, held: Number(row.n) }));
  }
}
