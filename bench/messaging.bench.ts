import { Kafka, logLevel } from 'kafkajs';
import { EventEnvelope } from '@bridge/contracts';
import { KafkaMessageBus, BusConnection, kafkajsSecurity } from '@bridge/messaging';
import { uniqueName, waitFor } from '@bridge/test-infra';
import { sampleComment } from '../libs/messaging/src/testing/sample-events';
import { BenchFigure, figure } from './bench-report';
import { createBenchTopic } from './load';

const BATCH = 500;

/**
 * Publish and consume-and-commit throughput of libs/messaging against bare kafkajs with the same producer
 * settings (idempotent, acks=all) and the same batch size, on the same broker in the same run.
 */
export async function messagingBenchmark(connection: BusConnection, events = 20_000): Promise<BenchFigure[]> {
  const payload: EventEnvelope[] = Array.from({ length: events }, (_, n) => sampleComment(`T${n % 500}`, n));
  const kafka = new Kafka({ clientId: 'bench-bare', brokers: connection.brokers, ...kafkajsSecurity(connection.security), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const bareTopic = uniqueName('bench_bare');
  const busTopic = uniqueName('bench_bus');
  await createBenchTopic(admin, bareTopic, 6);
  await admin.disconnect();

  // Bare kafkajs: the envelope serialized without validation.
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const bareStart = performance.now();
  for (let i = 0; i < payload.length; i += BATCH) {
    await producer.send({
      topic: bareTopic,
      acks: -1,
      messages: payload.slice(i, i + BATCH).map((event) => ({ key: event.subject, value: JSON.stringify(event) })),
    });
  }
  const barePublish = events / ((performance.now() - bareStart) / 1000);
  await producer.disconnect();

  const bus = new KafkaMessageBus({ ...connection, clientId: 'bench-bus', partitions: 6, logger: undefined });
  await bus.ping();
  await bus.publish(busTopic, payload.slice(0, 1)); // creates the topic and connects the producer outside the clock
  const busStart = performance.now();
  for (let i = 1; i < payload.length; i += BATCH) await bus.publish(busTopic, payload.slice(i, i + BATCH));
  const busPublish = (events - 1) / ((performance.now() - busStart) / 1000);

  // Consume and commit: bare eachBatch resolving every offset versus a subscription with a no-op handler.
  const bareConsume = await timeBareConsume(kafka, bareTopic, events);
  const busConsume = await timeBusConsume(bus, busTopic, events);
  await bus.close();

  return [
    figure('messaging', 'publish (acks=all, idempotent)', 'events/s', busPublish, { name: 'bare kafkajs', value: barePublish }),
    figure('messaging', 'consume and commit', 'events/s', busConsume, { name: 'bare kafkajs', value: bareConsume }),
  ];
}

async function timeBareConsume(kafka: Kafka, topic: string, events: number): Promise<number> {
  const consumer = kafka.consumer({ groupId: uniqueName('bench_bare_grp'), maxWaitTimeInMs: 250 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let count = 0;
  let start = 0;
  await consumer.run({
    autoCommitInterval: 1_000,
    eachBatchAutoResolve: false,
    eachBatch: async ({ batch, resolveOffset, commitOffsetsIfNecessary, heartbeat }) => {
      start ||= performance.now();
      for (const message of batch.messages) {
        JSON.parse(message.value!.toString());
        resolveOffset(message.offset);
        count += 1;
      }
      await commitOffsetsIfNecessary();
      await heartbeat();
    },
  });
  await waitFor(() => count >= events, { description: 'bare consumer', timeoutMs: 300_000, intervalMs: 10 });
  const rate = events / ((performance.now() - start) / 1000);
  await consumer.disconnect();
  return rate;
}

async function timeBusConsume(bus: KafkaMessageBus, topic: string, events: number): Promise<number> {
  let count = 0;
  let start = 0;
  const subscription = await bus.subscribe({
    topic,
    group: uniqueName('bench_bus_grp'),
    handler: async () => {
      start ||= performance.now();
      count += 1;
    },
  });
  await waitFor(() => count >= events, { description: 'bus consumer', timeoutMs: 300_000, intervalMs: 10 });
  const rate = events / ((performance.now() - start) / 1000);
  await subscription.close();
  return rate;
}
