import { InProcessMessageBus, KafkaMessageBus, MessageBus } from '@bridge/messaging';
import { uniqueName, waitFor } from '@bridge/test-infra';
import { sampleComment } from '../../../libs/messaging/src/testing/sample-events';
import { testConnection } from '../../support/kafka-test-kit';

/** What is published and not yet handled, per consumer group and topic: the bridge_consumer_lag metric's source. */
describe.each([
  ['Kafka (real broker)', () => new KafkaMessageBus({ ...testConnection(), clientId: 'lag-test', partitions: 3, commitIntervalMs: 100 })],
  ['the in-process bus', () => new InProcessMessageBus({ partitions: 3 })],
] as const)('consumer lag on %s', (_name, makeBus) => {
  let bus: MessageBus;
  afterEach(() => bus.close());

  it('counts the events a group has not handled yet, and falls to zero once it has', async () => {
    bus = makeBus();
    const topic = uniqueName('lag');
    const group = uniqueName('lag-grp');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let handled = 0;
    const subscription = await bus.subscribe({ topic, group, handler: async () => {
      await gate;
      handled++;
    } });
    await bus.publish(topic, Array.from({ length: 30 }, (_, n) => sampleComment(`L${n % 3}`, n)));
    // At most one event per partition is in a handler; the rest wait, and the group has committed none of them.
    const waiting = await waitFor(async () => {
      const lag = (await bus.consumerLag()).find((entry) => entry.group === group && entry.topic === topic)?.lag;
      return lag !== undefined && lag >= 27 ? lag : undefined;
    }, { description: 'the lag of the blocked group' });
    expect(waiting).toBeLessThanOrEqual(30);
    release();
    await waitFor(() => handled === 30, { description: '30 handled' });
    await waitFor(async () => (await bus.consumerLag()).find((entry) => entry.group === group && entry.topic === topic)?.lag === 0, { description: 'no lag left', timeoutMs: 30_000 });
    await subscription.close();
  });
});
