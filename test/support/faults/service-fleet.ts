import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { spawnService } from '../spawn-service';

export type ServiceApp = 'ingress' | 'tangoe-gateway' | 'outbound-notifier';

/** One process of the run: a service replica on a port of its own, kept across restarts (the ITSMs post to it). */
export interface Replica {
  name: string;
  app: ServiceApp;
  port: number;
  kills: number;
  /** Set while the fleet itself stops or kills it: any other exit is a crash. */
  expectingExit?: boolean;
  child?: ChildProcess;
  exited?: Promise<string | number | null>;
}

/**
 * The bridge's services as separate processes, as Kubernetes runs them: started, SIGKILLed and started again on
 * the same port. Each replica's output goes to its own log file in `logDir` for the post-mortem.
 */
export class ServiceFleet {
  readonly replicas: Replica[] = [];
  /** Exits nobody asked for: a service that crashes under a fault is a defect, reported and started again. */
  readonly crashes: string[] = [];

  constructor(
    private readonly env: Record<string, string>,
    private readonly logDir: string,
    /** Each service's own settings on top of `env`: its Kafka principal, as the Helm chart gives it. */
    private readonly envOf: (app: ServiceApp) => Record<string, string> = () => ({}),
  ) {}

  async start(name: string, app: ServiceApp, port: number): Promise<Replica> {
    const replica: Replica = { name, app, port, kills: 0 };
    this.replicas.push(replica);
    await this.launch(replica);
    return replica;
  }

  replica(name: string): Replica {
    const replica = this.replicas.find((r) => r.name === name);
    if (!replica) throw new Error(`no replica ${name}`);
    return replica;
  }

  url(name: string): string {
    return `http://127.0.0.1:${this.replica(name).port}`;
  }

  /** SIGKILL, as the OOM killer or a node failure would: no shutdown hook runs. Then started again. */
  async killAndRestart(name: string, downMs: number): Promise<void> {
    const replica = this.replica(name);
    replica.expectingExit = true;
    replica.child?.kill('SIGKILL');
    const signal = await replica.exited;
    if (signal !== 'SIGKILL') throw new Error(`${name} was expected to die of SIGKILL, it exited with ${String(signal)}`);
    replica.kills += 1;
    await new Promise((resolve) => setTimeout(resolve, downMs));
    await this.launch(replica);
  }

  async stopAll(): Promise<void> {
    await Promise.all(
      this.replicas.map(async (replica) => {
        replica.expectingExit = true;
        replica.child?.kill('SIGTERM');
        // The grace timer is cleared once the replica has gone: left running, it held the test process for 10 s.
        let grace: NodeJS.Timeout | undefined;
        await Promise.race([replica.exited, new Promise((resolve) => (grace = setTimeout(resolve, 10_000)))]);
        clearTimeout(grace);
        replica.child?.kill('SIGKILL');
      }),
    );
  }

  private async launch(replica: Replica): Promise<void> {
    const started = spawnService(replica.app, { ...this.env, ...this.envOf(replica.app), PORT: String(replica.port) }, { logFile: path.join(this.logDir, `${replica.name}.log`) });
    replica.child = started.child;
    replica.exited = started.exited;
    replica.expectingExit = false;
    await this.ready(replica);
    void started.exited.then((how) => {
      if (replica.expectingExit || replica.child !== started.child) return;
      this.crashes.push(`${replica.name} exited on its own (${String(how)}) at ${new Date().toISOString()}; see ${path.join(this.logDir, `${replica.name}.log`)}`);
      void this.launch(replica).catch((error: Error) => this.crashes.push(`${replica.name} could not start again: ${error.message}`));
    });
  }

  /** Ready is the service's own readiness: its broker and database answer. */
  private async ready(replica: Replica, timeoutMs = 180_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let exited: string | number | null | undefined;
    void replica.exited?.then((value) => (exited = value ?? 'exit'));
    while (Date.now() < deadline) {
      if (exited !== undefined) throw new Error(`${replica.name} exited (${String(exited)}) while starting; see ${path.join(this.logDir, `${replica.name}.log`)}`);
      try {
        const response = await fetch(`http://127.0.0.1:${replica.port}/health/ready`, { signal: AbortSignal.timeout(2_000) });
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`${replica.name} was not ready within ${timeoutMs} ms; see ${path.join(this.logDir, `${replica.name}.log`)}`);
  }
}
