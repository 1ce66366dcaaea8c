import axios from 'axios';
import { waitFor } from '@bridge/test-infra';
import { Bridge, startBridge } from '../../support/bridge-harness';

interface RunState {
  clientId: string;
  running: boolean;
  lastRunAt?: string;
}

/**
 * A client whose ITSM makes its run wait does not make the others wait. acme's reconciliation budget is two GETs a
 * minute. Its first run at start spends one (an empty list), so its next run lists the incident and then waits most
 * of a minute for the budget to read the incident's journal. globex's run, asked for while acme's waits, reads and
 * carries globex's ticket meanwhile. (Runs taken one
 * after another carried globex's ticket only after acme's: a 10,000-ticket fault run found tickets five minutes late
 * that way, docs/fault-suite.md.)
 */
describe('reconciliation runs clients side by side', () => {
  let bridge: Bridge;
  beforeAll(async () => {
    bridge = await startBridge({
      clients: ['acme', 'globex'],
      webhooksOff: ['acme', 'globex'],
      // Runs only when asked (POST …/run) after the first ones at start.
      env: { RECONCILE_INTERVAL_MS: '3600000' },
      extra: { acme: () => '    reconcile: { requestsPerMinute: 2 }' },
    });
  });
  afterAll(() => bridge?.close());

  it("carries one client's ticket while another client's run waits on its ITSM's budget", async () => {
    await waitFor(async () => (await states(bridge)).every((state) => state.lastRunAt !== undefined && !state.running), { description: 'the first run of both clients, at start' });
    const caller = 'ann.smith';
    const acmeIncident = bridge.sandbox.servicenow.get('acme').insert('incident', { short_description: 'acme phone', assignment_group: 'Mobility', caller_name: 'Ann Smith', caller_phone: '5551234567' }, caller);
    const globexIncident = bridge.sandbox.servicenow.get('globex').insert('incident', { short_description: 'globex phone', assignment_group: 'Mobility', caller_name: 'Ann Smith', caller_phone: '5551234567' }, caller);

    await runNow(bridge, 'acme');
    await waitFor(async () => (await states(bridge)).find((state) => state.clientId === 'acme')!.running, { description: "acme's run under way (waiting for its budget to read the journal)" });
    await runNow(bridge, 'globex');
    await waitFor(() => bridge.sandbox.tangoe.supportRequestsOf('globex').some((r) => r.external_source_id === globexIncident.number), { description: "globex's ticket at Tangoe" });

    // acme's run is still waiting for its budget: it has not read the journal, so its ticket is not at Tangoe yet.
    expect((await states(bridge)).find((state) => state.clientId === 'acme')!.running).toBe(true);
    expect(bridge.sandbox.tangoe.supportRequestsOf('acme')).toEqual([]);
    // And it is not lost: once the budget comes back, the run reads and carries it.
    await waitFor(() => bridge.sandbox.tangoe.supportRequestsOf('acme').some((r) => r.external_source_id === acmeIncident.number), { description: "acme's ticket at Tangoe, once its budget came back", timeoutMs: 120_000 });
  }, 180_000);
});

async function states(bridge: Bridge): Promise<RunState[]> {
  const answer = await axios.get(`${bridge.ingressUrl}/admin/reconciliation`, { headers: { authorization: `Bearer ${bridge.adminToken}` } });
  return answer.data as RunState[];
}

async function runNow(bridge: Bridge, clientId: string): Promise<void> {
  const answer = await axios.post(`${bridge.ingressUrl}/admin/reconciliation/${clientId}/run`, undefined, { headers: { authorization: `Bearer ${bridge.adminToken}` } });
  expect(answer.status).toBe(202);
}
