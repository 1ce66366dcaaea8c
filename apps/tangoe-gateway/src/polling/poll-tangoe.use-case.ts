import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { ClientConfig, ClientDirectory } from '@bridge/clients-config';
import type { Database } from '@bridge/persistence';
import { CLIENTS, DATABASE, LOGGER, METRICS, Metrics, SETTINGS, ServiceSettings } from '@bridge/platform';
import type { Logger } from 'pino';
import { ActivityPoller } from './activity-poller';
import { ActivityReportPoller } from './activity-report-poller';
import { StreamPoller } from './stream-poller';
import { SupportRequestPoller } from './support-request-poller';

/**
 * Polls Tangoe for what it did not push: per client and stream (support requests, activities), the records
 * updated after the stream's cursor, inside the shared GET budget. A cursor row is claimed with SKIP LOCKED, so
 * replicas share the work and none polls what another is polling; no replica is special.
 */
@Injectable()
export class PollTangoeUseCase implements OnApplicationBootstrap, OnApplicationShutdown {
  private running = false;
  private loop?: Promise<void>;
  private unsubscribe?: () => void;
  private readonly pollers: ReadonlyMap<string, StreamPoller>;

  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(CLIENTS) private readonly clients: ClientDirectory,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS) private readonly metrics: Metrics,
    @Inject(SETTINGS) private readonly settings: ServiceSettings,
    supportRequests: SupportRequestPoller,
    activities: ActivityPoller,
    reports: ActivityReportPoller,
  ) {
    this.pollers = new Map<string, StreamPoller>([supportRequests, activities, reports].map((poller) => [poller.stream, poller]));
  }

  async onApplicationBootstrap(): Promise<void> {
    this.metrics.gauge('bridge_parked_items', 'Items parked until an operator replays them.', ['kind'], async () => [
      { labels: { kind: 'ticket' }, value: Number((await this.database.query<{ n: string }>(`select count(*) as n from ticket_links where status = 'parked'`)).rows[0].n) },
    ]);
    this.metrics.gauge('bridge_tangoe_get_budget_used', "GETs granted in Tangoe's last minute, per API user.", ['api_user'], async () =>
      (await this.database.query<{ api_user: string; n: string }>(`select api_user, count(*) as n from tangoe_get_grants where granted_at > clock_timestamp() - interval '60 seconds' group by api_user`)).rows.map(
        (row) => ({ labels: { api_user: row.api_user }, value: Number(row.n) }),
      ),
    );
    if (!this.settings.POLL_ENABLED) return;
    await this.addCursors(this.clients.all());
    // A client a reload adds (or changes to poll one more stream) is polled from its next turn; one it removes keeps
    // its cursors for a comeback, skipped meanwhile.
    this.unsubscribe = this.clients.onChange((change) => this.addCursors([...change.added, ...change.changed].map((id) => this.clients.get(id)!)));
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.unsubscribe?.();
    this.running = false;
    await this.loop;
  }

  /** A cursor per stream each client is polled for, where it has none yet. */
  private async addCursors(clients: ClientConfig[]): Promise<void> {
    for (const client of clients) {
      for (const poller of this.pollers.values()) {
        if (!poller.polls(client)) continue;
        await this.database.query('insert into poll_cursors (client_id, stream, updated_after) values ($1, $2, $3) on conflict do nothing', [client.id, poller.stream, poller.initialCursor(new Date())]);
      }
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      const polled = await this.pollNext().catch((error: unknown) => {
        this.logger.error({ error: (error as Error).message }, 'poll failed');
        return false;
      });
      if (!polled) await sleep(Math.min(1_000, this.settings.POLL_INTERVAL_MS));
    }
  }

  /** Polls the stream whose turn it is, if any; false when none is due. */
  async pollNext(): Promise<boolean> {
    return this.database.transaction(async (tx) => {
      const { rows } = await tx.query<{ client_id: string; stream: string; updated_after: string | null }>(
        `select client_id, stream, updated_after from poll_cursors where next_poll_at <= now() order by next_poll_at limit 1 for update skip locked`,
      );
      const cursor = rows[0];
      if (!cursor) return false;
      const poller = this.pollers.get(cursor.stream);
      const client = this.clients.get(cursor.client_id);
      try {
        // A client removed from the file, or no longer polled for this stream, keeps its cursor for a comeback.
        const polled = poller !== undefined && client !== undefined && poller.polls(client);
        const next = polled ? await poller.poll(tx, cursor.client_id, cursor.updated_after) : cursor.updated_after;
        const interval = (polled && poller.intervalMs?.(client)) || this.settings.POLL_INTERVAL_MS;
        await tx.query(
          `update poll_cursors set updated_after = $3, last_polled_at = now(), last_error = null, next_poll_at = now() + ($4::text || ' milliseconds')::interval where client_id = $1 and stream = $2`,
          [cursor.client_id, cursor.stream, next, String(interval)],
        );
      } catch (error) {
        await tx.query(`update poll_cursors set last_error = $3, next_poll_at = now() + ($4::text || ' milliseconds')::interval where client_id = $1 and stream = $2`, [
          cursor.client_id,
          cursor.stream,
          (error as Error).message,
          String(this.settings.POLL_INTERVAL_MS),
        ]);
        this.logger.warn({ clientId: cursor.client_id, stream: cursor.stream, error: (error as Error).message }, 'poll of client failed; next turn later');
      }
      return true;
    });
  }
}
