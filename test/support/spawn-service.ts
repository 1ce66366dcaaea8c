import { ChildProcess, spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import path from 'node:path';

const REPO = path.resolve(__dirname, '../..');

/**
 * A service as its own process, as it runs in production, for tests that kill or stop it. With `logFile`, its
 * stdout and stderr are appended there (a fault run keeps each replica's logs for the post-mortem).
 */
export function spawnService(app: string, env: Record<string, string> = {}, options: { logFile?: string } = {}): { child: ChildProcess; exited: Promise<string | number | null> } {
  const output = options.logFile ? openSync(options.logFile, 'a') : 'ignore';
  const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join(REPO, `apps/${app}/src/main.ts`)], {
    cwd: REPO,
    env: { ...process.env, PORT: '0', KAFKA_SESSION_TIMEOUT_MS: '6000', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', output, output],
  });
  return { child, exited: new Promise((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code))) };
}
