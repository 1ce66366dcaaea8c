import { Injectable } from '@nestjs/common';
import type { Queryable } from '@bridge/persistence';

/** The activity changes the gateway published, by event id: the same change pushed, polled or reported again is no news. */
@Injectable()
export class ObservedActivitiesRepository {
  /**
   * Notes the changes in the caller's transaction and answers the ids not noted before. A concurrent transaction
   * noting the same id waits for this one, and finds it if this one commits.
   */
  async noteNew(tx: Queryable, clientId: string, eventIds: readonly string[]): Promise<Set<string>> {
    if (eventIds.length === 0) return new Set();
    const { rows } = await tx.query<{ event_id: string }>(
      'insert into observed_activity_changes (event_id, client_id) select unnest($1::text[]), $2 on conflict do nothing returning event_id',
      [eventIds, clientId],
    );
    return new Set(rows.map((row) => row.event_id));
  }
}
