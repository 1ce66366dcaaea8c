import { waitFor } from '@bridge/test-infra';
import { Bridge, startBridge } from '../../support/bridge-harness';
import { incidentInserted, journalAdded } from '../../support/servicenow-payloads';

/**
 * The bus holds a ticket's key in memory while one of its events waits in the retry topic. A gateway that restarts
 * (or a rebalance) forgets that, and the ticket's next event would overtake the one retrying: found by the fault
 * suite at 10,000 tickets as a client's comments reaching Tangoe c1, c3, c2 (ADR 11).
 */
describe('client → Tangoe: a comment retrying across a gateway restart', () => {
  let bridge: Bridge;
  // Long enough that the retried comment is still waiting when the restarted gateway reads the next one.
  beforeAll(async () => (bridge = await startBridge({ clients: ['acme'], env: { GATEWAY_RETRY_INITIAL_MS: '4000', POLL_ENABLED: 'false' } })));
  afterAll(() => bridge.close());

  it('is not overtaken by the next comment: Tangoe gets them in the client order, each once', async () => {
    const ticket = 'INC7000001';
    await bridge.postServiceNow('acme', incidentInserted(ticket));
    expect((await bridge.postServiceNow('acme', journalAdded(ticket, 1, 'c1'))).status).toBe(202);
    const request = await waitFor(() => bridge.sandbox.tangoe.supportRequestsOf('acme').find((r) => r.external_source_id === ticket && r.interactions.length === 2), {
      description: 'the support request with c1',
      timeoutMs: 60_000,
    });

    // c2's call is answered 5xx once: it goes to the retry topic, its key held by this gateway only.
    bridge.sandbox.tangoe.faults.set({ errorRate: 1, pathPrefix: '/1/interactions', methods: ['POST'], next: 1 });
    const before = bridge.sandbox.tangoe.requests.length;
    expect((await bridge.postServiceNow('acme', journalAdded(ticket, 2, 'c2'))).status).toBe(202);
    await waitFor(() => bridge.sandbox.tangoe.requests.slice(before).some((r) => r.path.startsWith('/1/interactions') && r.status >= 500), { description: "c2's call answered 5xx", timeoutMs: 60_000 });

    await bridge.stopGateway();
    await bridge.startGateway();
    expect((await bridge.postServiceNow('acme', journalAdded(ticket, 3, 'c3'))).status).toBe(202);

    await waitFor(() => request.interactions.length === 4, { description: 'c2 and c3 at Tangoe', timeoutMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(request.interactions.slice(1).map((i) => i.text)).toEqual(['c1', 'c2', 'c3']);
  });
});
