import type { ChildProcess } from 'node:child_process';
import { waitFor } from '@bridge/test-infra';
import { spawnService } from '../../support/spawn-service';
import { Bridge, startBridge } from '../../support/bridge-harness';
import { incidentInserted, journalAdded } from '../../support/servicenow-payloads';


describe('the gateway stopped with SIGTERM under load', () => {
  let bridge: Bridge;
  const gateways: ChildProcess[] = [];
  beforeAll(async () => (bridge = await startBridge({ clients: ['acme'], gateway: false })));
  afterAll(async () => {
    for (const gateway of gateways) gateway.kill('SIGKILL');
    await bridge.close();
  });

  it('loses and duplicates nothing: every ticket once, every comment once and in order, counted at the sandbox', async () => {
    const first = spawnService('tangoe-gateway', { POLL_ENABLED: 'false' });
    gateways.push(first.child);
    bridge.sandbox.tangoe.faults.set({ latencyMs: 20 });
    const tickets = Array.from({ length: 30 }, (_, n) => `INC6${String(n).padStart(6, '0')}`);
    const sending = (async () => {
      for (const ticket of tickets) {
        await bridge.postServiceNow('acme', incidentInserted(ticket));
        await bridge.postServiceNow('acme', journalAdded(ticket, 1, `first on ${ticket}`));
        await bridge.postServiceNow('acme', journalAdded(ticket, 2, `second on ${ticket}`));
      }
    })();
    // Stop the gateway while it is busy: after some tickets reached Tangoe, before all did.
    await waitFor(() => bridge.sandbox.tangoe.supportRequestsOf('acme').length >= 5, { description: 'the gateway under load', timeoutMs: 60_000 });
    expect(await first.stop()).not.toBe('SIGKILL');
    await sending;

    const second = spawnService('tangoe-gateway', { POLL_ENABLED: 'false' });
    gateways.push(second.child);
    await waitFor(() => bridge.sandbox.tangoe.supportRequestsOf('acme').filter((r) => r.interactions.length === 3).length === tickets.length, {
      description: 'every ticket with both comments',
      timeoutMs: 120_000,
      intervalMs: 200,
    });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const requests = bridge.sandbox.tangoe.supportRequestsOf('acme');
    expect(requests.map((r) => r.external_source_id).sort()).toEqual([...tickets].sort());
    for (const request of requests) {
      expect(request.interactions.slice(1).map((i) => i.text)).toEqual([`first on ${request.external_source_id}`, `second on ${request.external_source_id}`]);
    }
  });
});
