import { ChildProcess, spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import path from 'node:path';

const REPO = path.resolve(__dirname, '../..');

/**
 * A service as its own process, as it runs in production, for tests that kill or stop it. With `logFile`, its
 * stdout and stderr are appended there (a fault run keeps each replica's logs for the post-mortem).
 */
export interface SpawnedService {
  child: ChildProcess;
  /** How it ended: the signal that ended it, else its exit code. */
  exited: Promise<string | number | null>;
  /**
   * SIGTERM, then how it ended: a service must stop on its own (in-flight work finished and committed); one still
   * running after `withinMs` fails the test with that said, where an unbounded wait would end at the test's timeout.
   */
  stop(withinMs?: number): Promise<string | number | null>;
}

export function spawnService(app: string, env: Record<string, string> = {}, options: { logFile?: string } = {}): SpawnedService {
  const output = options.logFile ? openSync(options.logFile, 'a') : 'ignore';
  const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join(REPO, `apps/${app}/src/main.ts`)], {
    cwd: REPO,
    env: { ...process.env, PORT: '0', KAFKA_SESSION_TIMEOUT_MS: '6000', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', output, options.logFile ? output : 'pipe'],
  });
  // Without a log file, the end of stderr is kept: a service that exits on its own, or will not stop, says why.
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
  // 'close', not 'exit': its stdio is read to the end by then, so the stderr kept below has the crash's last words.
  const exited = new Promise<string | number | null>((resolve) => child.on('close', (code, signal) => resolve(signal ?? code)));
  void exited.then((how) => {
    if (how !== 'SIGKILL' && how !== 'SIGTERM' && how !== 0 && stderr) process.stderr.write(`${app} exited ${String(how)}: ${stderr}\n`);
  });
  const stop = async (withinMs = 60_000) => {
    child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const overdue = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // Said, and not left behind for the next test: the run's broker and database outlive this test.
        child.kill('SIGKILL');
        reject(new Error(`${app} (pid ${child.pid}) still running ${withinMs} ms after SIGTERM, so killed${stderr ? `; its stderr ends: ${stderr}` : ''}`));
      }, withinMs);
    });
    try {
      return await Promise.race([exited, overdue]);
    } finally {
      clearTimeout(timer);
    }
  };
  return { child, exited, stop };
}
