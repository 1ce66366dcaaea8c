import { ClientDirectory, ClientsConfigError, ConfigProblem } from '@bridge/clients-config';
import { Counter } from 'prom-client';
import type { Logger } from 'pino';
import { ClientsFileSource } from './clients-file-source';
import type { Metrics } from './metrics';

/** Who asked for the reload: SIGHUP, the admin API (or `bridge clients reload`), or the watch of the file. */
export type ReloadTrigger = 'signal' | 'admin' | 'watch';

export type ClientsReload =
  | { outcome: 'applied'; sha256: string; added: string[]; changed: string[]; removed: string[]; warnings: string[] }
  | { outcome: 'unchanged'; sha256: string }
  /** `sha256` of the file refused, when it could be read: the watch does not try the same bytes twice. */
  | { outcome: 'rejected'; sha256?: string; problems: ConfigProblem[] };

export type ClientsReloadRecord = ClientsReload & { trigger: ReloadTrigger; at: string };

/**
 * Reloads the clients file without a restart: the new file is validated exactly as at start (referenced secrets
 * included) and only then put in place; a file with any problem leaves the clients in place serving, and the
 * reload says why. Reloads run one at a time, whoever asks. Nothing logged or answered holds a secret: problems
 * name variables, never values.
 */
export class ClientsReloader {
  private queue: Promise<unknown> = Promise.resolve();
  private latest?: ClientsReloadRecord;
  private readonly reloads: Counter<'trigger' | 'outcome'>;

  constructor(
    private readonly directory: ClientDirectory,
    private readonly source: ClientsFileSource,
    private readonly logger: Logger,
    metrics: Metrics,
  ) {
    this.reloads = new Counter({
      name: 'bridge_clients_reloads_total',
      help: 'Reloads of the clients file, by trigger (signal, admin, watch) and outcome (applied, unchanged, rejected).',
      labelNames: ['trigger', 'outcome'],
      registers: [metrics.registry],
    });
    metrics.gauge('bridge_clients_file_info', 'The clients file in place, by the SHA-256 of its bytes (always 1).', ['sha256'], async () =>
      directory.version ? [{ labels: { sha256: directory.version.sha256 }, value: 1 }] : [],
    );
    metrics.gauge('bridge_clients_file_rejected', 'Whether the newest clients file read was refused, so an older one still serves (1) or not (0).', [], async () => [
      { labels: {}, value: this.latest?.outcome === 'rejected' ? 1 : 0 },
    ]);
    metrics.gauge('bridge_clients_configured', 'Clients in the file in place that are enabled.', [], async () => [{ labels: {}, value: directory.ids().length }]);
  }

  /** The last reload, whatever its outcome; none before the first. */
  get last(): ClientsReloadRecord | undefined {
    return this.latest;
  }

  reload(trigger: ReloadTrigger): Promise<ClientsReload> {
    const run = this.queue.then(() => this.reloadNow(trigger));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async reloadNow(trigger: ReloadTrigger): Promise<ClientsReload> {
    const result = await this.attempt();
    this.reloads.inc({ trigger, outcome: result.outcome });
    this.latest = { ...result, trigger, at: new Date().toISOString() };
    if (result.outcome === 'rejected') {
      this.logger.error({ trigger, sha256: result.sha256, problems: result.problems, inPlace: this.directory.version?.sha256 }, 'clients file refused; the clients in place go on serving');
    } else if (result.outcome === 'applied') {
      const { added, changed, removed } = result;
      this.logger.info({ trigger, sha256: result.sha256, added, changed, removed }, 'clients file reloaded');
    } else {
      this.logger.debug({ trigger, sha256: result.sha256 }, 'clients file unchanged');
    }
    return result;
  }

  private async attempt(): Promise<ClientsReload> {
    let sha256: string | undefined;
    // What an earlier reload could not take up in full (a listener failed) is taken up now, the file changed or not.
    for (const failure of await this.directory.retryFailedListeners()) this.logger.error({ error: failure.message }, 'a service still cannot take up the clients file in full; the next reload tries again');
    try {
      sha256 = this.source.currentSha256();
      if (sha256 === this.directory.version?.sha256) return { outcome: 'unchanged', sha256 };
      const snapshot = this.source.load();
      sha256 = snapshot.sha256;
      const { change, failures } = await this.directory.replace(snapshot.clients, { sha256, loadedAt: new Date() });
      for (const failure of failures) this.logger.error({ error: failure.message, ...change }, 'a service could not take up the clients file in full; see the error');
      return { outcome: 'applied', sha256, ...change, warnings: failures.map((failure) => failure.message) };
    } catch (error) {
      return { outcome: 'rejected', sha256, problems: problemsOf(error, this.source) };
    }
  }
}

function problemsOf(error: unknown, source: ClientsFileSource): ConfigProblem[] {
  if (error instanceof ClientsConfigError && error.code === 'invalid_clients_file') return [...error.problems];
  const code = (error as NodeJS.ErrnoException).code;
  // An unreadable file (a ConfigMap being swapped, a path that went away) is named by its error code alone.
  return [{ file: source.path, field: '', message: code ? `cannot be read: ${code}` : (error as Error).message }];
}
