import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '@bridge/persistence';
import { DATABASE } from '@bridge/platform';

export interface ClientPause {
  clientId: string;
  pausedAt: string;
  reason: string | null;
}

/** The clients an operator paused, as every replica sees them: nothing of theirs goes to Tangoe until resumed. */
@Injectable()
export class ClientPausesRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /** Pausing a paused client keeps its first pause. */
  async pause(clientId: string, reason: string | undefined): Promise<ClientPause> {
    await this.database.query('insert into client_pauses (client_id, reason) values ($1, $2) on conflict (client_id) do nothing', [clientId, reason ?? null]);
    return (await this.all()).find((pause) => pause.clientId === clientId)!;
  }

  /** False when the client was not paused. */
  async resume(clientId: string): Promise<boolean> {
    return (await this.database.query('delete from client_pauses where client_id = $1', [clientId])).rowCount > 0;
  }

  async isPaused(clientId: string): Promise<boolean> {
    return (await this.database.query('select 1 from client_pauses where client_id = $1', [clientId])).rowCount > 0;
  }

  async all(): Promise<ClientPause[]> {
    const { rows } = await this.database.query<{ client_id: string; paused_at: Date | string; reason: string | null }>('select client_id, paused_at, reason from client_pauses order by client_id');
    return rows.map((row) => ({ clientId: row.client_id, pausedAt: new Date(row.paused_at).toISOString(), reason: row.reason }));
  }
}
