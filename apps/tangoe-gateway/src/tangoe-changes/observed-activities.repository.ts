import { Injectable } from '@nestjs/common';
import type { Queryable } from '@bridge/persistence';

/** The activity changes the gateway published, by event id: the same change pushed, polled or reported again is no news. */
@Injectable()
export class ObservedActivitiesRepository {
  /** Of these event ids, the ones noted as published before. */
  async publishedAmong(tx: Queryable, eventIds: readonly string[]): Promise<Set<string>> {
    if (eventIds.length === 0) return new Set();
    const { rows } = await tx.query<{ event_id: string }>('select event_id from observed_activity_changes where event_id = any($1::text[])', [eventIds]);
    return new Set(rows.map((row) => row.event_id));
  }

  /** Notes changes as published, in the caller's transaction: only once Kafka acknowledged them. */
  async notePublished(tx: Queryable, clientId: string, eventIds: readonly string[]): Promise<void> {
    if (eventIds.length === 0) return;
    await tx.query('insert into observed_activity_changes (event_id, client_id) select unnest($1::text[]), $2 on conflict do nothing', [eventIds, clientId]);
  }
}
