import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { TopicNames } from '@bridge/contracts';
import { ClientDirectory } from '@bridge/clients-config';
import { MessageBus, publishEvents } from '@bridge/messaging';
import type { Database, Queryable } from '@bridge/persistence';
import { BUS, CLIENTS, DATABASE, LOGGER, METRICS, Metrics, TOPICS } from '@bridge/platform';
import type { Logger } from 'pino';
import { changesOf } from '@bridge/tangoe-client';
import { TangoeClients } from '../tangoe/tangoe-clients';

const PER_PAGE = 100;

/**
 * Polls Tangoe for what it did not push: per client, the support requests updated after the cursor, page by page,
 * inside the shared GET budget. A client's cursor row is claimed with SKIP LOCKED, so replicas share clients and
 * none polls a client another is polling. Changes are published before the cursor moves: a crash re-publishes the
 * same events (same ids), which the notifier delivers once.
 */
@Injectable()
export class PollTangoeUseCase implements OnApplicationBootstrap, OnApplicationShutdown {
  private running = false;
  private loop?: Promise<void>;
  private readonly intervalMs = Number(process.env.POLL_INTERVAL_MS ?? 30_000);

  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(CLIENTS) private readonly clients: ClientDirectory,
    @Inject(BUS) private readonly bus: MessageBus,
    @Inject(TOPICS) private readonly topics: TopicNames,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly tangoe: TangoeClients,
    @Inject(METRICS) private readonly metrics: Metrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.metrics.gauge('bridge_parked_items', 'Items parked until an operator replays them.', ['kind'], async () => [
      { labels: { kind: 'ticket' }, value: Number((await this.database.query<{ n: string }>(`select count(*) as n from ticket_links where status = 'parked'`)).rows[0].n) },
    ]);
    this.metrics.gauge('bridge_tangoe_get_budget_used', "GETs granted in Tangoe's last minute, per API user.", ['api_user'], async () =>
      (await this.database.query<{ api_user: string; n: string }>(`select api_user, count(*) as n from tangoe_get_grants where granted_at > clock_timestamp() - interval '60 seconds' group by api_user`)).rows.map(
        (row) => ({ labels: { api_user: row.api_user }, value: Number(row.n) }),
      ),
    );
    if (process.env.POLL_ENABLED === 'false') return;
    for (const client of this.clients.all()) {
      await this.database.query('insert into poll_cursors (client_id) values ($1) on conflict do nothing', [client.id]);
    }
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      const polled = await this.pollNextClient().catch((error: unknown) => {
        this.logger.error({ error: (error as Error).message }, 'poll failed');
        return false;
      });
      if (!polled) await sleep(Math.min(1_000, this.intervalMs));
    }
  }

  /** Polls the client whose turn it is, if any; false when no client is due. */
  async pollNextClient(): Promise<boolean> {
    return this.database.transaction(async (tx) => {
      const { rows } = await tx.query<{ client_id: string; updated_after: string | null }>(
        `select client_id, updated_after from poll_cursors where next_poll_at <= now() order by next_poll_at limit 1 for update skip locked`,
      );
      const cursor = rows[0];
      if (!cursor) return false;
      try {
        const next = await this.pollClient(tx, cursor.client_id, cursor.updated_after);
        await tx.query(`update poll_cursors set updated_after = $2, last_polled_at = now(), last_error = null, next_poll_at = now() + ($3::text || ' milliseconds')::interval where client_id = $1`, [
          cursor.client_id,
          next,
          String(this.intervalMs),
        ]);
      } catch (error) {
        await tx.query(`update poll_cursors set last_error = $2, next_poll_at = now() + ($3::text || ' milliseconds')::interval where client_id = $1`, [
          cursor.client_id,
          (error as Error).message,
          String(this.intervalMs),
        ]);
        this.logger.warn({ clientId: cursor.client_id, error: (error as Error).message }, 'poll of client failed; next turn later');
      }
      return true;
    });
  }

  private async pollClient(tx: Queryable, clientId: string, updatedAfter: string | null): Promise<string | null> {
    const client = this.tangoe.for(clientId);
    let cursor = updatedAfter;
    for (let page = 1; ; page++) {
      const result = await client.listSupportRequests({ updatedAtGt: updatedAfter ?? undefined, order: 'updated_at asc', page, perPage: PER_PAGE });
      for (const request of result.items) {
        if (request.external_source_id) await this.publishChanges(tx, clientId, request);
        if (!cursor || Date.parse(request.updated_at) > Date.parse(cursor)) cursor = request.updated_at;
      }
      if (!result.hasMore) return cursor;
    }
  }

  private async publishChanges(tx: Queryable, clientId: string, request: Parameters<typeof changesOf>[0]): Promise<void> {
    const { rows } = await tx.query<{ tangoe_state: string | null; last_interaction_id: string | null }>(
      `select tangoe_state, last_interaction_id from ticket_links where client_id = $1 and external_source_id = $2 and status = 'linked' and support_request_id = $3`,
      [clientId, request.external_source_id, request.id],
    );
    const link = rows[0];
    if (!link) return;
    const sent = await tx.query<{ interaction_id: string }>('select interaction_id from interaction_sends where client_id = $1 and external_source_id = $2 and interaction_id is not null', [
      clientId,
      request.external_source_id,
    ]);
    const events = changesOf(request, {
      clientId,
      externalSourceId: request.external_source_id!,
      tangoeState: link.tangoe_state,
      lastInteractionId: link.last_interaction_id === null ? null : Number(link.last_interaction_id),
      sentByBridge: new Set(sent.rows.map((row) => Number(row.interaction_id))),
    }, 'bridge/tangoe-gateway/poll');
    if (events.length === 0) return;
    await publishEvents(this.bus, this.topics, events);
    const lastInteraction = Math.max(Number(link.last_interaction_id ?? 0), ...request.interactions.map((i) => i.id));
    await tx.query(`update ticket_links set tangoe_state = $3, last_interaction_id = $4 where client_id = $1 and external_source_id = $2`, [
      clientId,
      request.external_source_id,
      request.state,
      lastInteraction,
    ]);
  }
}
