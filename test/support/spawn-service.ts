import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const REPO = path.resolve(__dirname, '../..');

/** A service as its own process, as it runs in production, for tests that kill or stop it. */
export function spawnService(app: string, env: Record<string, string> = {}): { child: ChildProcess; exited: Promise<string | number | null> } {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join(REPO, `apps/${app}/src/main.ts`)], {
    cwd: REPO,
    env: { ...process.env, PORT: '0', KAFKA_SESSION_TIMEOUT_MS: '6000', LOG_LEVEL: 'warn', ...env },
    stdio: 'ignore',
  });
  return { child, exited: new Promise((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code))) };
}
