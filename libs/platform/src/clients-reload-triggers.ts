import { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import type { ClientDirectory } from '@bridge/clients-config';
import type { Logger } from 'pino';
import type { ClientsFileSource } from './clients-file-source';
import type { ClientsReloader } from './clients-reloader';

/**
 * What reloads the clients file besides the admin API: SIGHUP, and, every `watchIntervalMs` (CLIENTS_RELOAD_INTERVAL_MS;
 * 0 or unset: no watch), a look at the SHA-256 of the file's bytes.
 *
 * The watch polls the content rather than subscribing to file events: Kubernetes updates a mounted ConfigMap by
 * swapping a symlink to a new directory, which a watch on the file misses (it follows the old inode) and which
 * fs.watch reports differently per platform and not at all on some volume types; reading a few kilobytes every
 * half minute costs nothing and sees every swap, however it is done. The same refused bytes are not tried twice.
 */
export class ClientsReloadTriggers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private readonly onSignal = () => void this.reloader.reload('signal');

  constructor(
    private readonly reloader: ClientsReloader,
    private readonly source: ClientsFileSource,
    private readonly directory: ClientDirectory,
    private readonly logger: Logger,
    private readonly watchIntervalMs: number,
  ) {}

  onApplicationBootstrap(): void {
    process.on('SIGHUP', this.onSignal);
    if (this.watchIntervalMs > 0) this.scheduleWatch();
  }

  /** Before the bus and the database close: no reload starts while the service stops. */
  beforeApplicationShutdown(): void {
    process.off('SIGHUP', this.onSignal);
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private scheduleWatch(): void {
    this.timer = setTimeout(async () => {
      await this.look();
      if (this.timer) this.scheduleWatch();
    }, this.watchIntervalMs);
    // The watch never keeps a process alive on its own.
    this.timer.unref();
  }

  /** Reloads when the file's bytes are neither those in place nor those last refused. */
  async look(): Promise<void> {
    let sha256: string;
    try {
      sha256 = this.source.currentSha256();
    } catch (error) {
      // Between the two steps of a swap the file may be missing for a moment: the next look sees the new one.
      this.logger.debug({ error: (error as NodeJS.ErrnoException).code ?? (error as Error).message }, 'clients file not readable now; looking again later');
      return;
    }
    const last = this.reloader.last;
    if (sha256 === this.directory.version?.sha256 || (last?.outcome === 'rejected' && last.sha256 === sha256)) return;
    await this.reloader.reload('watch');
  }
}
