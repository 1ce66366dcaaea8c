import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { waitFor } from '@bridge/test-infra';
import { Bridge, startBridge } from '../../support/bridge-harness';
import { incidentInserted, journalAdded } from '../../support/servicenow-payloads';

const REPO = path.resolve(__dirname, '../../..');

/** The gateway as its own process, as it runs in production. */
function spawnGateway(): { child: ChildProcess; exited: Promise<string | number | null> } {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join(REPO, 'apps/tangoe-gateway/src/main.ts')], {
    cwd: REPO,
    env: { ...process.env, PORT: '0', KAFKA_SESSION_TIMEOUT_MS: '6000', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<string | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  exited.then((how) => how !== 'SIGKILL' && how !== 'SIGTERM' && how !== 0 && process.stderr.write(`gateway exited ${how}: ${stderr}\n`));
  return { child, exited };
}

describe('the gateway killed during the create call', () => {
  let bridge: Bridge;
  const gateways: ChildProcess[] = [];
  beforeAll(async () => (bridge = await startBridge({ clients: ['acme'], gateway: false })));
  afterAll(async () => {
    for (const gateway of gateways) gateway.kill('SIGKILL');
    await bridge.close();
  });

  it('still leaves exactly one support request after a restart, and the comments follow it', async () => {
    const first = spawnGateway();
    gateways.push(first.child);
    // SIGKILL the moment Tangoe has stored the request, before the gateway hears back.
    bridge.sandbox.tangoe.store.onCreated = () => {
      bridge.sandbox.tangoe.store.onCreated = undefined;
      first.child.kill('SIGKILL');
    };
    expect((await bridge.postServiceNow('acme', incidentInserted('INC3000001'))).status).toBe(202);
    expect((await bridge.postServiceNow('acme', journalAdded('INC3000001', 1, 'sent after the crash'))).status).toBe(202);
    expect(await first.exited).toBe('SIGKILL');
    expect(bridge.sandbox.tangoe.supportRequestsOf('acme')).toHaveLength(1);

    const second = spawnGateway();
    gateways.push(second.child);
    const [request] = bridge.sandbox.tangoe.supportRequestsOf('acme');
    await waitFor(() => request.interactions.length === 2, { description: 'the comment after the restart', timeoutMs: 90_000 });
    expect(request.interactions[1].text).toBe('sent after the crash');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(bridge.sandbox.tangoe.supportRequestsOf('acme')).toHaveLength(1);
    second.child.kill('SIGTERM');
    expect(await second.exited).not.toBe('SIGKILL');
  });
});
