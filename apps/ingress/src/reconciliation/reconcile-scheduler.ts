import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { Counter } from 'prom-client';
import { ClientConfig, ClientDirectory, durationMs } from '@bridge/clients-config';
import { adapterFor } from '@bridge/itsm-adapters';
import { CLIENTS, LOGGER, METRICS, Metrics, SETTINGS, ServiceSettings } from '@bridge/platform';
import type { Logger } from 'pino';
import { ItsmReadHttp } from './itsm-read-http';
import { ReconcileClientUseCase } from './reconcile-client.use-case';
import { ReconcileStateRepository } from './reconcile-state.repository';

const DEFAULT_CLOCK_SKEW_MS = 2 * 60_000;
/** A run holds its client this long, renewed after every page; a replica that dies frees it when the lease ends. */
const LEASE_MS = 2 * 60_000;
/** The shortest wait between two looks for a due client. */
const MIN_WAIT_MS = 20;

/** Whether the bridge reads this client's ITSM: its outbound side is that ITSM's API, and it was not turned off. */
export function reconciles(client: ClientConfig): boolean {
  return client.reconcile?.enabled !== false && readsItsmApi(client);
}

/** Whether the bridge can read the client's ITSM through its API: its outbound is that API, not a generic webhook. */
export function readsItsmApi(client: ClientConfig): boolean {
  return client.outbound !== undefined && client.outbound.target !== 'webhook' && adapterFor(client.itsm) !== undefined;
}

/**
 * Runs each client's reconciliation on its schedule (`reconcile.interval`, RECONCILE_INTERVAL_MS by default), the
 * ingress's replicas sharing the clients through leases: a due client is claimed by one replica (SKIP LOCKED), read,
 * and released with its new watermark and next run. A run that fails keeps the watermark, so the next one reads the
 * same changes again; publishing drops what was published.
 *
 * A replica runs up to RECONCILE_CONCURRENCY clients side by side. A run waits on its own client's ITSM (its read
 * budget, a 429's Retry-After, up to a minute each), and runs taken one after another made every other client wait
 * with it: in a 10,000-ticket fault run, a ticket whose webhook was refused at start was read five minutes later,
 * behind five other clients' runs waiting on their budgets (docs/fault-suite.md).
 */
@Injectable()
export class ReconcileScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private running = false;
  private loop?: Promise<void>;
  /**
   * The runs this replica has under way, by client, each settled (it never rejects) and removed when it ends. A run
   * that waits longer than its lease lets the client be claimed again; another replica may (the run then stops at
   * its next renewal), this one must not run the client twice side by side.
   */
  private readonly runsUnderWay = new Map<string, Promise<void>>();
  /** Ends the runs' waits (a budget, a 429) when the replica shuts down, so it stops in moments, not minutes. */
  private readonly stopping = new AbortController();
  private unsubscribe?: () => void;
  private readonly recordsRead: Counter<'client'>;
  private readonly changesFound: Counter<'client'>;
  private readonly runs: Counter<'client' | 'outcome'>;

  constructor(
    private readonly states: ReconcileStateRepository,
    private readonly reconcile: ReconcileClientUseCase,
    @Inject(CLIENTS) private readonly clients: ClientDirectory,
    @Inject(SETTINGS) private readonly settings: ServiceSettings,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS) private readonly metrics: Metrics,
    private readonly readHttp: ItsmReadHttp,
  ) {
    this.recordsRead = new Counter({ name: 'bridge_reconcile_records_read_total', help: "Records reconciliation read from clients' ITSMs.", labelNames: ['client'], registers: [metrics.registry] });
    this.changesFound = new Counter({ name: 'bridge_reconcile_changes_found_total', help: 'Events reconciliation published that no webhook had.', labelNames: ['client'], registers: [metrics.registry] });
    this.runs = new Counter({ name: 'bridge_reconcile_runs_total', help: 'Reconciliation runs, by client and outcome (done, failed).', labelNames: ['client', 'outcome'], registers: [metrics.registry] });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.metrics.gauge('bridge_reconcile_watermark_seconds', "How far each client's ITSM has been read: the newest change seen, epoch seconds.", ['client'], async () =>
      (await this.states.all()).map((state) => ({ labels: { client: state.clientId }, value: state.watermark.getTime() / 1000 })),
    );
    this.metrics.gauge('bridge_reconcile_last_run_seconds', "When each client's last reconciliation ended, epoch seconds.", ['client'], async () =>
      (await this.states.all()).filter((state) => state.lastRunAt).map((state) => ({ labels: { client: state.clientId }, value: state.lastRunAt!.getTime() / 1000 })),
    );
    if (!this.settings.RECONCILE_ENABLED) return;
    await this.addStates(this.clients.all());
    // Each turn claims among the clients in the file now: one a reload adds gets its state here and is read from its
    // next turn; one it removes keeps its watermark, so its return reads what changed while it was out.
    this.unsubscribe = this.clients.onChange((change) => this.addStates([...change.added, ...change.changed].map((id) => this.clients.get(id)!)));
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.unsubscribe?.();
    this.running = false;
    this.stopping.abort();
    await this.loop;
  }

  /** A state (watermark) for each client read by reconciliation that has none yet. */
  private async addStates(clients: ClientConfig[]): Promise<void> {
    for (const client of clients.filter(reconciles)) await this.states.ensure(client.id, new Date(Date.now() - this.clockSkewMs(client)));
  }

  private async run(): Promise<void> {
    const idleMs = Math.min(1_000, Math.max(50, Math.floor(this.settings.RECONCILE_INTERVAL_MS / 4)));
    while (this.running) {
      if (this.runsUnderWay.size >= this.settings.RECONCILE_CONCURRENCY) {
        await Promise.race(this.runsUnderWay.values());
        continue;
      }
      let claimed;
      let dueInMs: number | undefined;
      try {
        const claimable = this.clients.all().filter((client) => reconciles(client) && !this.runsUnderWay.has(client.id)).map((client) => client.id);
        claimed = await this.states.claimDue(claimable, LEASE_MS);
        if (!claimed) dueInMs = await this.states.nextDueInMs(claimable);
      } catch (error) {
        this.logger.error({ error: (error as Error).message }, 'reconciliation could not claim a client; trying again');
      }
      const client = claimed ? this.clients.get(claimed.clientId) : undefined;
      if (!claimed || !client) {
        // Until the next run is due, so it starts on time, yet at most idleMs: a reload, a "run now", a run ending
        // here or another replica's lease running out are seen at the next look. Never less than MIN_WAIT_MS: a due
        // client another replica is claiming this instant is not asked after in a tight loop.
        await sleep(Math.min(idleMs, Math.max(MIN_WAIT_MS, dueInMs ?? idleMs)));
        continue;
      }
      this.runsUnderWay.set(client.id, this.runClient(client, claimed.watermark, claimed.lease).finally(() => this.runsUnderWay.delete(client.id)));
    }
    await Promise.all(this.runsUnderWay.values());
  }

  private async runClient(client: ClientConfig, watermark: Date, lease: string): Promise<void> {
    const since = new Date(watermark.getTime() - this.clockSkewMs(client));
    const next = this.intervalMs(client);
    try {
      const outcome = await this.reconcile.execute(client, this.readHttp.for(client, this.stopping.signal), since, this.settings.RECONCILE_PAGE_SIZE, async () => {
        if (!(await this.states.renew(client.id, lease, LEASE_MS))) throw new Error('the lease ran out and another replica took the client');
      });
      this.recordsRead.inc({ client: client.id }, outcome.recordsRead);
      this.changesFound.inc({ client: client.id }, outcome.changesFound);
      this.runs.inc({ client: client.id, outcome: 'done' });
      await this.states.finish(client.id, lease, { watermark: outcome.newestChange, recordsRead: outcome.recordsRead, changesFound: outcome.changesFound }, next);
    } catch (error) {
      if (this.stopping.signal.aborted) {
        // Cut short by the shutdown: due at once, for another replica to read from the same watermark.
        this.logger.info({ clientId: client.id }, 'reconciliation run stopped by the shutdown; the next run reads from the same watermark');
        await this.states.finish(client.id, lease, { recordsRead: 0, changesFound: 0, error: 'stopped by a shutdown' }, 0).catch(() => undefined);
        return;
      }
      this.runs.inc({ client: client.id, outcome: 'failed' });
      this.logger.warn({ clientId: client.id, error: (error as Error).message }, 'reconciliation run failed; the next run reads from the same watermark');
      await this.states.finish(client.id, lease, { recordsRead: 0, changesFound: 0, error: (error as Error).message }, Math.min(next, 30_000)).catch(() => undefined);
    }
  }

  private intervalMs(client: ClientConfig): number {
    return client.reconcile?.interval ? durationMs(client.reconcile.interval) : this.settings.RECONCILE_INTERVAL_MS;
  }

  private clockSkewMs(client: ClientConfig): number {
    return client.reconcile?.clockSkew ? durationMs(client.reconcile.clockSkew) : DEFAULT_CLOCK_SKEW_MS;
  }
}
