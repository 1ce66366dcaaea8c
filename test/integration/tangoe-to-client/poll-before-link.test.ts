import axios from 'axios';
import { waitFor } from '@bridge/test-infra';
import { Bridge, startBridge } from '../../support/bridge-harness';

/**
 * The poll reads each request once, after the cursor. A request it reads while its ticket is still being created
 * (the create's answer lost, the retry not yet due) cannot be published yet, and the cursor moves on: linking the
 * ticket must send the poll back for it, or a note made meanwhile is never read again.
 */
describe('Tangoe → client: what Tangoe did before the ticket was linked', () => {
  let bridge: Bridge;
  // A create retry far slower than the poll (300 ms), so the poll surely passes the request by before the link.
  beforeAll(async () => (bridge = await startBridge({ clients: ['acme'], notifier: true, env: { GATEWAY_RETRY_INITIAL_MS: '4000' } })));
  afterAll(() => bridge.close());

  it("still delivers a specialist's note the poll saw before the ticket was linked, once", async () => {
    const tangoe = bridge.sandbox.tangoe;
    tangoe.faults.set({ commitThenDropRate: 1, pathPrefix: '/1/support_requests', methods: ['POST'], next: 1 });
    // Its push lost: only the poll can find the note.
    tangoe.dropPushes = true;
    const instance = bridge.sandbox.servicenow.get('acme');
    const record = instance.insert('incident', { short_description: 'Answer lost', assignment_group: 'Mobility', caller_name: 'Ann Smith', caller_phone: '5551234567', state: '2' }, 'ann.smith');
    const request = await waitFor(() => tangoe.supportRequestsOf('acme').find((r) => r.external_source_id === record.number), { description: 'the support request stored' });
    await axios.post(`${bridge.sandbox.url}/sandbox/tangoe/support_requests/${request.id}/interactions`, { text: 'answered while the bridge retried' }, { headers: { 'x-sandbox-admin': 'sandbox-admin' } });
    const noted = Date.now();
    // The poll lists the request with its note while the gateway still waits to retry the create.
    await waitFor(() => tangoe.requests.some((r) => r.method === 'GET' && r.path === '/1/support_requests' && r.at >= noted && !Object.keys(r.query).some((name) => name.startsWith('external_source_id'))), { description: 'a poll after the note' });
    try {
      await waitFor(() => instance.journalOf(record.sys_id).some((entry) => entry.value === 'answered while the bridge retried'), { description: "the specialist's note in ServiceNow", timeoutMs: 60_000 });
    } finally {
      tangoe.dropPushes = false;
    }
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(instance.journalOf(record.sys_id).map((entry) => entry.value)).toEqual(['answered while the bridge retried']);
  });
});
