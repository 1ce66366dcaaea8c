import type { ClientConfig } from '@bridge/clients-config';
import type { Queryable } from '@bridge/persistence';

/** What the gateway polls Tangoe for, each with its own cursor per client. */
export type PollStream = 'support_requests' | 'activities' | 'activity_reports';

/**
 * One list of Tangoe's polled after an `updated_at` cursor. `poll` publishes what changed after the cursor and
 * answers the cursor to keep: changes are published before the cursor moves, so a crash publishes them again with
 * the same ids, which consumers handle once.
 */
export interface StreamPoller {
  readonly stream: PollStream;
  /** Whether this client's Tangoe is polled for this stream at all. */
  polls(client: ClientConfig): boolean;
  /** Where a new client's cursor starts; null is "from the beginning". */
  initialCursor(now: Date): string | null;
  poll(tx: Queryable, clientId: string, updatedAfter: string | null): Promise<string | null>;
  /** How long between two polls of this client's stream, when it has its own schedule. */
  intervalMs?(client: ClientConfig): number | undefined;
}
