import type { ChildProcess } from 'node:child_process';
import { waitFor } from '@bridge/test-infra';
import { spawnService } from '../../support/spawn-service';
import { Bridge, startBridge } from '../../support/bridge-harness';
import { incidentInserted, journalAdded } from '../../support/servicenow-payloads';

describe('the gateway killed during the create call', () => {
  let bridge: Bridge;
  const gateways: ChildProcess[] = [];
  beforeAll(async () => (bridge = await startBridge({ clients: ['acme'], gateway: false })));
  afterAll(async () => {
    for (const gateway of gateways) gateway.kill('SIGKILL');
    await bridge.close();
  });

  it('still leaves exactly one support request after a restart, and the comments follow it', async () => {
    const first = spawnService('tangoe-gateway');
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

    const second = spawnService('tangoe-gateway');
    gateways.push(second.child);
    const [request] = bridge.sandbox.tangoe.supportRequestsOf('acme');
    await waitFor(() => request.interactions.length === 2, { description: 'the comment after the restart', timeoutMs: 90_000 });
    expect(request.interactions[1].text).toBe('sent after the crash');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(bridge.sandbox.tangoe.supportRequestsOf('acme')).toHaveLength(1);
    expect(await second.stop()).not.toBe('SIGKILL');
  });
});
