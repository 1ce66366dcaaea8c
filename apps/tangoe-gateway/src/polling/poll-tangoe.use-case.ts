import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { ClientConfig, ClientDirectory } from '@bridge/clients-config';
import { CLIENTS, LOGGER, METRICS, Metrics, SETTINGS, ServiceSettings } from '@bridge/platform';
import type { Logger } from 'pino';
import { GetGrantsRepository } from '../tangoe/get-grants.repository';
import { ActivityPoller } from './activity-poller';
import { ActivityReportPoller } from './activity-report-poller';
import { PollCursorsRepository } from './poll-cursors.repository';
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
    private readonly cursors: PollCursorsRepository,
    private readonly grants: GetGrantsRepository,
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
    this.metrics.gauge('bridge_tangoe_get_budget_used', "GETs granted in Tangoe's last minute, per API user.", ['api_user'], async () =>
      (await this.grants.usedInLastMinute()).map(({ apiUser, used }) => ({ labels: { api_user: apiUser }, value: used })),
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
        await this.cursors.ensure(client.id, poller.stream, poller.initialCursor(new Date()));
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
    const polled = await this.cursors.claimDue(async (tx, cursor) => {
      const poller = this.pollers.get(cursor.stream);
      const client = this.clients.get(cursor.clientId);
      try {
        // A client removed from the file, or no longer polled for this stream, keeps its cursor for a comeback.
        const polls = poller !== undefined && client !== undefined && poller.polls(client);
        const next = polls ? await poller.poll(tx, cursor.clientId, cursor.updatedAfter) : cursor.updatedAfter;
        await this.cursors.advance(tx, cursor, next, (polls && poller.intervalMs?.(client)) || this.settings.POLL_INTERVAL_MS);
      } catch (error) {
        await this.cursors.noteFailure(tx, cursor, (error as Error).message, this.settings.POLL_INTERVAL_MS);
        this.logger.warn({ clientId: cursor.clientId, stream: cursor.stream, error: (error as Error).message }, 'poll of client failed; next turn later');
      }
      return true;
    });
    return polled ?? false;
  }
}
