import { waitFor } from '@bridge/test-infra';
import { Bridge, startBridge } from '../../support/bridge-harness';

/**
 * ServiceNow's business rule posts once: a ticket opened while the ingress is down (a rollout, a crash) has its
 * webhook refused and never sent again. The ingress, back, reads the instance from its watermark and opens it.
 */
describe('a ticket opened while the ingress is down', () => {
  let bridge: Bridge;
  beforeAll(async () => (bridge = await startBridge({ clients: ['acme'] })));
  afterAll(() => bridge?.close());

  it('reaches Tangoe once the ingress is back, with its comment, though its webhooks were lost', async () => {
    const instance = bridge.sandbox.servicenow.get('acme');
    await bridge.stopIngress();
    const record = instance.insert('incident', { short_description: 'Opened during the rollout', assignment_group: 'Mobility', caller_name: 'Ann Smith', caller_phone: '5551234567', state: '2' }, 'ann.smith');
    instance.update('incident', record.sys_id, { comments: 'still down?' }, 'ann.smith');
    await waitFor(() => instance.pendingWebhooks() === 0, { description: "the business rule's webhooks answered (by nobody)" });
    expect(instance.webhookFailures.filter((failure) => failure.includes(record.number))).toHaveLength(2);

    await bridge.startIngress();
    const request = await waitFor(() => bridge.sandbox.tangoe.supportRequestsOf('acme').find((r) => r.external_source_id === record.number), { description: 'the support request, found by reconciliation' });
    await waitFor(() => request.interactions.some((i) => i.text === 'still down?'), { description: 'the comment at Tangoe' });
    await bridge.quiescent();
    expect(bridge.sandbox.tangoe.supportRequestsOf('acme').filter((r) => r.external_source_id === record.number)).toHaveLength(1);
    expect(request.interactions.map((i) => i.text)).toEqual([expect.stringContaining('Opened during the rollout'), 'still down?']);
  });
});
