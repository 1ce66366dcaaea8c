import axios from 'axios';
import { waitFor } from '@bridge/test-infra';
import { Bridge, startBridge } from '../../support/bridge-harness';

/**
 * A ServiceNow client whose business rule never posts (`inbound.webhooks: false`): the ingress reads the instance's
 * Table API and journal on its schedule, and the ticket, its comment and the caller's close reach Tangoe once, in
 * order, through the same mapping and events as webhooks would have made.
 */
describe('reconciliation of ServiceNow, webhooks lost', () => {
  let bridge: Bridge;
  beforeAll(async () => (bridge = await startBridge({ clients: ['acme'], webhooksOff: ['acme'] })));
  afterAll(() => bridge?.close());

  it('carries a ticket, a comment and a close that no webhook told, each once, in order', async () => {
    const instance = bridge.sandbox.servicenow.get('acme');
    const caller = 'ann.smith';
    const incident = instance.insert('incident', { short_description: 'Phone "dead"', description: 'Black screen.', assignment_group: 'Mobility', caller_name: 'Ann Smith', caller_phone: '5551234567', category: 'hardware', subcategory: 'mobile' }, caller);
    const request = await waitFor(() => bridge.sandbox.tangoe.supportRequestsOf('acme').find((r) => r.external_source_id === incident.number), { description: 'the support request, found by reconciliation' });
    expect(request).toMatchObject({ requestor_name: 'Ann Smith', requestor_number: '5551234567', request_type: 'device_replacement' });

    instance.update('incident', incident.sys_id, { comments: 'Still black after a reset.' }, caller);
    instance.update('incident', incident.sys_id, { comments: 'And now it is hot.' }, caller);
    await waitFor(() => request.interactions.length === 3, { description: 'both comments at Tangoe' });
    instance.update('incident', incident.sys_id, { state: '7', close_notes: 'Not needed any more' }, caller);
    await waitFor(() => request.state === 'closed', { description: "the caller's close at Tangoe" });

    // Several runs later nothing more: every run finds the same changes and publishes none of them again.
    const runsBefore = (await reconciliation(bridge)).lastRunAt;
    await waitFor(async () => (await reconciliation(bridge)).lastRunAt !== runsBefore, { description: 'another reconciliation run' });
    await bridge.quiescent();
    // A close only a read saw carries no note: a read cannot tell whose the close notes are (docs/reconciliation.md).
    expect(request.interactions.map((i) => i.text)).toEqual([expect.stringContaining('Phone "dead"'), 'Still black after a reset.', 'And now it is hot.']);
    expect(request.state).toBe('closed');
    expect(instance.webhookFailures).toEqual([]);
    const state = await reconciliation(bridge);
    expect(state.lastError).toBeUndefined();
    // The stepped-back window reads the ticket again on every run, and publishes nothing of it again.
    expect(state).toMatchObject({ clientId: 'acme', lastRecordsRead: 1, lastChangesFound: 0 });
  });

  it('refuses the webhook endpoint of a client without webhooks', async () => {
    const answer = await axios.post(`${bridge.ingressUrl}/v1/clients/acme/webhooks/servicenow`, '{}', { headers: { 'content-type': 'application/json' }, validateStatus: () => true });
    expect(answer.status).toBe(404);
    expect(answer.data.error).toBe('webhooks_off');
  });
});

async function reconciliation(bridge: Bridge): Promise<{ clientId: string; lastRunAt?: string; lastError?: string; lastRecordsRead: number; lastChangesFound: number }> {
  const answer = await axios.get(`${bridge.ingressUrl}/admin/reconciliation`, { headers: { authorization: `Bearer ${bridge.adminToken}` } });
  return (answer.data as Array<{ clientId: string; lastRunAt?: string; lastError?: string; lastRecordsRead: number; lastChangesFound: number }>).find((state) => state.clientId === 'acme')!;
}
