import { EventTypes, createEvent, topicNames } from '@bridge/contracts';
import { KafkaMessageBus } from '@bridge/messaging';
import { waitFor } from '@bridge/test-infra';
import { Bridge, startBridge } from '../../support/bridge-harness';
import { testConnection } from '../../support/kafka-test-kit';

/**
 * Tangoe's states reach the notifier by push and by poll, in either order. A state observed before the one last
 * applied is not news, even within the same second: found by the fault suite at 10,000 tickets as Externally
 * Queued written again after Awaiting Customer Response (the poll's older observation let through).
 */
describe('Tangoe → client: an older observation of a state', () => {
  let bridge: Bridge;
  const bus = new KafkaMessageBus({ ...testConnection(), clientId: 'state-order', partitions: 3 });
  beforeAll(async () => (bridge = await startBridge({ clients: ['acme'], gateway: false, notifier: true, env: { POLL_ENABLED: 'false' } })));
  afterAll(async () => {
    await bus.close();
    await bridge.close();
  });

  it('is skipped when it arrives after a later one of the same second', async () => {
    const instance = bridge.sandbox.servicenow.get('acme');
    const record = instance.insert('incident', { short_description: 'states of one second', state: '2' }, 'ann.smith');
    const state = (name: 'externally_queued' | 'awaiting_customer_response', changedAt: string) =>
      createEvent(EventTypes.StateChanged, { clientId: 'acme', subjectKind: 'ticket', externalSourceId: record.number, origin: 'tangoe', state: name, changedAt, changeId: `${name}:${changedAt}` }, { source: 'test' });
    const topic = topicNames(process.env.TOPIC_NAMESPACE).tangoeEvents;
    await bus.publish(topic, [state('externally_queued', '2026-12-02T15:30:41.100Z')]);
    await waitFor(() => instance.journalOf(record.sys_id).length === 1, { description: 'Externally Queued in ServiceNow' });
    // Awaiting at .407, then the poll's view of Externally Queued at .294 of the same second.
    await bus.publish(topic, [state('awaiting_customer_response', '2026-12-02T15:30:42.407Z'), state('externally_queued', '2026-12-02T15:30:42.294Z')]);
    await waitFor(() => instance.journalOf(record.sys_id).length >= 2, { description: 'Awaiting Customer Response in ServiceNow' });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(instance.journalOf(record.sys_id).map((entry) => entry.value)).toEqual(['Tangoe: Externally Queued, pending information from a third party.', 'Tangoe: Awaiting Customer Response.']);
  });
});
