import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '@bridge/persistence';
import { DATABASE } from '@bridge/platform';

/** Since when the bridge serves each client: recorded the first time the client is seen, then never moved. */
@Injectable()
export class ClientServingRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /** The moment recorded for the client, recorded now if it has none yet. */
  async servingSince(clientId: string): Promise<Date> {
    await this.database.query('insert into client_serving (client_id) values ($1) on conflict do nothing', [clientId]);
    const { rows } = await this.database.query<{ serving_since: Date | string }>('select serving_since from client_serving where client_id = $1', [clientId]);
    return new Date(rows[0].serving_since);
  }
}
