import { Inject, Injectable } from '@nestjs/common';
import type { Database, Queryable } from '@bridge/persistence';
import { DATABASE } from '@bridge/platform';

/**
 * Serializes the decisions about one ticket (send now, or wait behind earlier events) across replicas and the
 * admin replay, with a transaction-scoped advisory lock. The calls to Tangoe happen outside it.
 */
@Injectable()
export class TicketLock {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  run<T>(clientId: string, externalSourceId: string, fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.database.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`ticket:${clientId}:${externalSourceId}`]);
      return fn(tx);
    });
  }
}
