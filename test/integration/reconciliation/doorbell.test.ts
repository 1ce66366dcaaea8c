import { waitFor } from '@bridge/test-infra';
import { Bridge, startBridge } from '../../support/bridge-harness';

/**
 * A webhook rings the doorbell: the ingress reads the record it names, with its journal, and publishes what the read
 * finds oldest first. So a ticket whose insert webhook was lost opens with its next webhook, and a comment whose
 * webhook was lost reaches Tangoe before the comment whose webhook came, with no reconciliation run in between
 * (the interval here is an hour; its one run at start saw nothing).
 */
describe('the webhook as a doorbell: lost webhooks, order kept', () => {
  let bridge: Bridge;
  beforeAll(async () => (bridge = await startBridge({ clients: ['acme'], env: { RECONCILE_INTERVAL_MS: '3600000' } })));
  afterAll(() => bridge?.close());

  it('opens a ticket whose insert webhook was lost, and keeps a lost comment before the next', async () => {
    const instance = bridge.sandbox.servicenow.get('acme');
    const caller = 'ann.smith';
    instance.webhookNetwork.faults = { loseNext: 1 };
    const incident = instance.insert('incident', { short_description: 'Phone lost its insert', assignment_group: 'Mobility', caller_name: 'Ann Smith', caller_phone: '5551234567' }, caller);
    instance.update('incident', incident.sys_id, { comments: 'c1' }, caller);
    const request = await waitFor(() => bridge.sandbox.tangoe.supportRequestsOf('acme').find((r) => r.external_source_id === incident.number), { description: 'the support request, opened by the comment webhook' });
    await waitFor(() => request.interactions.some((i) => i.text === 'c1'), { description: 'c1 at Tangoe' });

    instance.webhookNetwork.faults = { loseNext: 1 };
    instance.update('incident', incident.sys_id, { comments: 'c2' }, caller);
    instance.update('incident', incident.sys_id, { comments: 'c3' }, caller);
    await waitFor(() => request.interactions.some((i) => i.text === 'c3'), { description: 'c3 at Tangoe' });
    await bridge.quiescent();
    expect(instance.webhookNetwork.faulted).toEqual([`record.inserted ${incident.number}: lost`, `journal.added ${incident.number}: lost`]);
    expect(request.interactions.map((i) => i.text)).toEqual([expect.stringContaining('Phone lost its insert'), 'c1', 'c2', 'c3']);
  });
});
