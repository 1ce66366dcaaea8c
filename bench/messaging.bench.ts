import { Admin, Kafka, logLevel } from 'kafkajs';
import { EventEnvelope } from '@bridge/contracts';
import { KafkaMessageBus, BusConnection, kafkajsSecurity } from '@bridge/messaging';
import { uniqueName, waitFor } from '@bridge/test-infra';
import { sampleComment } from '../libs/messaging/src/testing/sample-events';
import { BenchFigure, spreadFigure } from './bench-report';
import { WINDOW_MS, interleaved } from './harness/interleaved';
import { createBenchTopic } from './load';

const BATCH = 500;
const PARTITIONS = 6;
/** The topic both consumers read, each repetition from its start in a new group: more than either reads in a window. */
const CONSUMED_TOPIC_EVENTS = 2_000_000;
/** Records a request while the consumed topic is filled (about 700 KB, under the broker's 1 MB a request). */
const FILL_BATCH = 2_000;
/** How often the committed offsets are read during a consume window: the clock stops at the first read past it. */
const COMMIT_PROBE_MS = 200;

/**
 * Publish and consume-and-commit throughput of libs/messaging against bare kafkajs written the way the bus is
 * configured, on the same broker, in interleaved repetitions of at least WINDOW_MS each (bench/harness).
 * - Publish: batches of 500 with acks=all on an idempotent producer with one request in flight, both sides warmed
 *   with a batch before the clock.
 * - Consume and commit: the same consumer settings as the bus (64 partitions at once, offsets resolved per record,
 *   committed by kafkajs every second, heartbeats per record), each side reading one prepared topic from its start in
 *   a group of its own; the rate is what the group had committed when the window ended, read from the broker.
 */
export async function messagingBenchmark(connection: BusConnection): Promise<BenchFigure[]> {
  const kafka = new Kafka({ clientId: 'bench-bare', brokers: connection.brokers, ...kafkajsSecurity(connection.security), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const bus = new KafkaMessageBus({ ...connection, clientId: 'bench-bus', partitions: PARTITIONS, logger: undefined });
  try {
    const batches = Array.from({ length: 20 }, (_, b) => Array.from({ length: BATCH }, (_, n) => sampleComment(`T${n}`, b * BATCH + n)));
    const publish = await publishFigures(kafka, admin, bus, batches);
    const consume = await consumeFigures(kafka, admin, bus, batches);
    return [
      spreadFigure('messaging', 'publish (acks=all, idempotent)', 'events/s', publish, 'bare kafkajs, same producer settings'),
      spreadFigure('messaging', 'consume and commit', 'events/s', consume, 'bare kafkajs, same consumer settings and commits'),
    ];
  } finally {
    await bus.close();
    await admin.disconnect();
  }
}

async function publishFigures(kafka: Kafka, admin: Admin, bus: KafkaMessageBus, batches: EventEnvelope[][]) {
  const bareTopic = uniqueName('bench_bare_publish');
  const busTopic = uniqueName('bench_bus_publish');
  await createBenchTopic(admin, bareTopic, PARTITIONS);
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const bareSend = (batch: EventEnvelope[]) => producer.send({ topic: bareTopic, acks: -1, messages: batch.map((event) => ({ key: event.subject, value: JSON.stringify(event) })) });
  const busSend = (batch: EventEnvelope[]) => bus.publish(busTopic, batch);
  // Warmed outside the clock: connections, metadata, and the bus's topic (created by its first publish).
  await bareSend(batches[0]);
  await busSend(batches[0]);
  try {
    return await interleaved(() => publishFor(busSend, batches), () => publishFor(bareSend, batches));
  } finally {
    await producer.disconnect();
  }
}

/** Events published per second over a window of at least WINDOW_MS, one batch after another. */
async function publishFor(send: (batch: EventEnvelope[]) => Promise<unknown>, batches: EventEnvelope[][]): Promise<number> {
  let events = 0;
  const start = performance.now();
  for (let b = 0; performance.now() - start < WINDOW_MS; b += 1) {
    await send(batches[b % batches.length]);
    events += BATCH;
  }
  return events / ((performance.now() - start) / 1000);
}

async function consumeFigures(kafka: Kafka, admin: Admin, bus: KafkaMessageBus, batches: EventEnvelope[][]) {
  const topic = uniqueName('bench_consumed');
  await createBenchTopic(admin, topic, PARTITIONS);
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const records = batches.flat().map((event) => ({ key: event.subject, value: JSON.stringify(event) }));
  for (let sent = 0; sent < CONSUMED_TOPIC_EVENTS; sent += FILL_BATCH) {
    const from = sent % records.length;
    await producer.send({ topic, acks: -1, messages: records.slice(from, from + FILL_BATCH) });
  }
  await producer.disconnect();
  return interleaved(() => consumeFor(admin, topic, (group, started) => busConsumer(bus, topic, group, started)), () => consumeFor(admin, topic, (group, started) => bareConsumer(kafka, topic, group, started)));
}

/**
 * Events a new group consumed and committed per second: from its first record until the first probe of its committed
 * offsets past WINDOW_MS. Reading all of the topic before that is a topic too small, and fails the bench.
 */
async function consumeFor(admin: Admin, topic: string, start: (group: string, started: () => void) => Promise<() => Promise<void>>): Promise<number> {
  const group = uniqueName('bench_consume');
  let firstRecordAt = 0;
  const stop = await start(group, () => (firstRecordAt ||= performance.now()));
  try {
    await waitFor(() => firstRecordAt > 0, { description: `the first record of ${group}`, timeoutMs: 60_000, intervalMs: 10 });
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, COMMIT_PROBE_MS));
      const elapsed = performance.now() - firstRecordAt;
      if (elapsed < WINDOW_MS) continue;
      const committed = await committedOf(admin, group, topic);
      if (committed >= CONSUMED_TOPIC_EVENTS) throw new Error(`${group} read all ${CONSUMED_TOPIC_EVENTS} events within the window: make CONSUMED_TOPIC_EVENTS larger`);
      return committed / (elapsed / 1000);
    }
  } finally {
    await stop();
  }
}

async function committedOf(admin: Admin, group: string, topic: string): Promise<number> {
  const [offsets] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
  return offsets.partitions.reduce((sum, partition) => sum + Math.max(0, Number(partition.offset)), 0);
}

async function busConsumer(bus: KafkaMessageBus, topic: string, group: string, started: () => void): Promise<() => Promise<void>> {
  const subscription = await bus.subscribe({ topic, group, handler: async () => started() });
  return () => subscription.close();
}

/** The bus's consumer, written by hand: the settings and the per-record resolve, commit check and heartbeat of KafkaSubscription. */
async function bareConsumer(kafka: Kafka, topic: string, group: string, started: () => void): Promise<() => Promise<void>> {
  const consumer = kafka.consumer({ groupId: group, sessionTimeout: 30_000, heartbeatInterval: 3_000, maxWaitTimeInMs: 250, allowAutoTopicCreation: false });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    autoCommit: true,
    autoCommitInterval: 1_000,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: 64,
    eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary }) => {
      for (const message of batch.messages) {
        if (!isRunning() || isStale()) return;
        started();
        JSON.parse(message.value!.toString());
        resolveOffset(message.offset);
        await commitOffsetsIfNecessary();
        await heartbeat();
      }
    },
  });
  return () => consumer.disconnect();
}
