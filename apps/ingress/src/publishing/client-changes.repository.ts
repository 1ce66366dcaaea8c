import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '@bridge/persistence';
import { DATABASE } from '@bridge/platform';

/**
 * The clients' own comments and state changes the ingress received, per ticket (subject), each by a hash of what
 * Tangoe will show of it: when Tangoe reports it back, it is known as the client's change coming back.
 */
@Injectable()
export class ClientChangesRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  async remember(subject: string, contentHash: string): Promise<void> {
    await this.database.query('insert into client_changes (subject, content_hash) values ($1, $2) on conflict do nothing', [subject, contentHash]);
  }

  async has(subject: string, contentHash: string): Promise<boolean> {
    return (await this.database.query('select 1 from client_changes where subject = $1 and content_hash = $2', [subject, contentHash])).rowCount > 0;
  }
}
