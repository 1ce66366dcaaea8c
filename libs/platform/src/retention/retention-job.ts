import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { Counter } from 'prom-client';
import type { Logger } from 'pino';
import type { Database } from '@bridge/persistence';
import type { RetainedTable } from './retained-table';
import { RetentionRepository } from './retention.repository';
import type { Metrics } from '../metrics';
import type { ServiceSettings } from '../service-settings';
import { DATABASE, LOGGER, METRICS, SETTINGS } from '../tokens';

export type { RetainedTable };
export const RETAINED_TABLES = Symbol('RETAINED_TABLES');

/**
 * Deletes the rows of the service's `RetainedTable`s older than their age (RETENTION_DEDUPE_DAYS,
 * RETENTION_LOG_DAYS), every RETENTION_INTERVAL_MS, RETENTION_BATCH_SIZE rows a statement so no lock is held long.
 * Replicas may run it at once: each batch skips the rows another is deleting. Without it those tables grow with
 * every event for ever (docs/security.md, retention).
 */
@Injectable()
export class RetentionJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly stopping = new AbortController();
  private loop?: Promise<void>;
  private readonly deleted: Counter<'table'>;
  private readonly rows: RetentionRepository;

  constructor(
    @Inject(RETAINED_TABLES) private readonly tables: readonly RetainedTable[],
    @Inject(DATABASE) database: Database,
    @Inject(SETTINGS) private readonly settings: ServiceSettings,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS) metrics: Metrics,
  ) {
    this.rows = new RetentionRepository(database);
    this.deleted = new Counter({ name: 'bridge_retention_deleted_total', help: 'Rows the retention job deleted, by table.', labelNames: ['table'], registers: [metrics.registry] });
  }

  onApplicationBootstrap(): void {
    if (this.settings.RETENTION_INTERVAL_MS === 0 || this.tables.length === 0) return;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.loop;
  }

  /** One pass over every table: what a scheduled run does, and what a test asks for. Resolves to the rows deleted per table. */
  async trimAll(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of this.tables) counts[table.table] = await this.trim(table);
    return counts;
  }

  private async run(): Promise<void> {
    while (!this.stopping.signal.aborted) {
      try {
        await this.trimAll();
      } catch (error) {
        this.logger.warn({ error: (error as Error).message }, 'retention could not trim; it tries again at its next run');
      }
      await sleep(this.settings.RETENTION_INTERVAL_MS, undefined, { signal: this.stopping.signal }).catch(() => undefined);
    }
  }

  private async trim(table: RetainedTable): Promise<number> {
    const days = table.keep === 'dedupe' ? this.settings.RETENTION_DEDUPE_DAYS : this.settings.RETENTION_LOG_DAYS;
    let total = 0;
    while (!this.stopping.signal.aborted) {
      const deleted = await this.rows.deleteBatch(table, days, this.settings.RETENTION_BATCH_SIZE);
      total += deleted;
      this.deleted.inc({ table: table.table }, deleted);
      if (deleted < this.settings.RETENTION_BATCH_SIZE) break;
    }
    return total;
  }
}
