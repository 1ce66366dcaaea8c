import { EventEnvelope, EventValidationError, Headers, deadLetterTopic, decodeEvent } from '@bridge/contracts';
import { ConsumedEvent, KafkaMessageBus, Subscription, exponentialBackoff } from '@bridge/messaging';
import { uniqueName, waitFor } from '@bridge/test-infra';
import { HandlerError } from '../../../libs/messaging/src/testing/handler-error';
import { sampleComment, sampleNumber } from '../../../libs/messaging/src/testing/sample-events';
import { bareKafka, readDeadLetters, readRecords, testConnection } from '../../support/kafka-test-kit';

const retry = exponentialBackoff({ maxRetries: 2, initialDelayMs: 300, maxDelayMs: 1_000, jitter: 0 });

describe('KafkaMessageBus against a real broker', () => {
  let bus: KafkaMessageBus;
  let topic: string;
  let group: string;
  const subscriptions: Subscription[] = [];

  beforeEach(() => {
    topic = uniqueName('msg');
    group = uniqueName('grp');
    bus = new KafkaMessageBus({ ...testConnection(), clientId: 'test', partitions: 3, commitIntervalMs: 200 });
  });

  afterEach(async () => {
    await Promise.all(subscriptions.splice(0).map((subscription) => subscription.close()));
    await bus.close();
  });

  async function subscribe(handler: (delivery: ConsumedEvent) => Promise<void>, target = bus, groupId = group) {
    const subscription = await target.subscribe({ topic, group: groupId, handler, retry });
    subscriptions.push(subscription);
    return subscription;
  }

  it('delivers keyed events validated, once each, in order per key, across several partitions', async () => {
    const received: ConsumedEvent[] = [];
    await subscribe(async (delivery) => void received.push(delivery));
    const events: EventEnvelope[] = [];
    for (let n = 0; n < 200; n++) events.push(sampleComment(`T${n % 12}`, n));
    await bus.publish(topic, events);

    await waitFor(() => received.length >= 200, { description: '200 events', timeoutMs: 60_000 });
    expect(new Set(received.map((delivery) => delivery.event.id)).size).toBe(200);
    expect(new Set(received.map((delivery) => delivery.partition)).size).toBeGreaterThan(1);
    const byKey = new Map<string, number[]>();
    for (const { event } of received) byKey.set(event.subject, [...(byKey.get(event.subject) ?? []), sampleNumber(event)]);
    expect(byKey.size).toBe(12);
    for (const numbers of byKey.values()) expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(received.every((delivery) => delivery.attempt === 0 && delivery.topic === topic)).toBe(true);
  });

  it('retries a throwing handler with backoff, parks the event with its error, and keeps the partition moving', async () => {
    const attempts: Array<{ attempt: number; at: number }> = [];
    const handled: string[] = [];
    await subscribe(async ({ event, attempt }) => {
      if (event.subject === 'acme:POISON' && sampleNumber(event) === 1) {
        attempts.push({ attempt, at: Date.now() });
        throw new HandlerError('tangoe_unavailable', 'Tangoe answered 503', { retriable: true });
      }
      handled.push(`${event.subject}#${sampleNumber(event)}`);
    });
    const poison = sampleComment('POISON', 1);
    // The same key after the poison, and other keys on every partition, including the poison's own.
    const behind = [sampleComment('POISON', 2), ...Array.from({ length: 30 }, (_, n) => sampleComment(`OK${n}`, n + 10))];
    await bus.publish(topic, [poison, ...behind]);

    const [letter] = await readDeadLetters(deadLetterTopic(topic, group), 1);
    expect(letter.error).toEqual({ code: 'tangoe_unavailable', message: 'Tangoe answered 503' });
    expect(letter.attempts).toBe(3);
    expect(letter.original.topic).toBe(topic);
    expect(letter.original.offset).toMatch(/^\d+$/);
    expect(letter.group).toBe(group);
    expect(JSON.parse(letter.rawValue ?? '{}').id).toBe(poison.id);

    expect(attempts.map((entry) => entry.attempt)).toEqual([0, 1, 2]);
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(290);
    expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(590);

    await waitFor(() => handled.length >= 31, { description: 'the events behind the poison' });
    // Other keys did not wait for the poison's retries; its own next event waited until it was parked.
    expect(handled.indexOf('acme:POISON#2')).toBe(handled.length - 1);
  });

  it('parks an event that arrives invalid instead of crashing on it, and goes on', async () => {
    const handled: number[] = [];
    await subscribe(async ({ event }) => void handled.push(sampleNumber(event)));
    const producer = bareKafka().producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'acme:X', value: '{"type":"CommentAdded","id":"bad"}' }, { key: 'acme:X', value: 'not json at all' }] });
    await producer.disconnect();
    await bus.publish(topic, [sampleComment('X', 7)]);

    const letters = await readDeadLetters(deadLetterTopic(topic, group), 2);
    expect(letters.map((letter) => letter.error.code)).toEqual(['invalid_event', 'invalid_event']);
    expect(letters[0].error.message).toMatch(/CommentAdded event is invalid: .*source must be a non-empty string/);
    expect(letters[1].error.message).toMatch(/not JSON/);
    expect(letters.every((letter) => letter.attempts === 0)).toBe(true);
    await waitFor(() => handled.includes(7), { description: 'the valid event after the invalid ones' });
  });

  it('lists its dead letters, replays one to its group once, and lists it no more, for a second bus too', async () => {
    let refusing = true;
    const handled: Array<{ id: string; attempt: number }> = [];
    await subscribe(async ({ event, attempt }) => {
      if (refusing) throw new HandlerError('tangoe_rejected', 'Tangoe answered 422', { retriable: false });
      handled.push({ id: event.id, attempt });
    });
    const event = sampleComment('REPLAYED', 1);
    await bus.publish(topic, [event], { headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' } });
    const [letter] = await waitFor(async () => {
      const letters = await bus.listDeadLetters();
      return letters.length > 0 ? letters : undefined;
    }, { description: 'the dead letter listed' });
    expect(letter).toMatchObject({ attempts: 1, group, error: { code: 'tangoe_rejected' }, event: { id: event.id } });
    expect(letter.id).toMatch(/^[\w.-]+:\d+:\d+$/);
    expect(letter.id.startsWith(`${deadLetterTopic(topic, group)}:`)).toBe(true);

    refusing = false;
    expect(await bus.replayDeadLetter(letter.id)).toBe(true);
    await waitFor(() => handled.length > 0, { description: 'the replayed event handled' });
    expect(handled).toEqual([{ id: event.id, attempt: 0 }]);
    expect(await bus.listDeadLetters()).toEqual([]);
    expect(await bus.replayDeadLetter(letter.id)).toBe(false);

    // The mark is in Kafka, not in this process: another bus with a subscription of the group sees the same.
    const other = new KafkaMessageBus({ ...testConnection(), clientId: 'test-other', partitions: 3 });
    try {
      await subscribe(async ({ event: again }) => void handled.push({ id: again.id, attempt: -1 }), other);
      expect(await other.listDeadLetters()).toEqual([]);
      expect(await other.replayDeadLetter(letter.id)).toBe(false);
      // The positive signal before "nothing more": the group, with the second member in it, has read every record
      // of the topic and its retry topic (the replay's marker included) and committed it.
      await waitFor(async () => {
        const lags = await other.consumerLag();
        return lags.length > 0 && lags.every((lag) => lag.lag === 0);
      }, { description: 'the group caught up with the second bus in it' });
    } finally {
      await other.close();
    }
    expect(handled).toEqual([{ id: event.id, attempt: 0 }]);
  });

  it('refuses an invalid event at publish with the field named, and publishes nothing of the batch', async () => {
    const bad = { ...sampleComment('A', 2), data: { ...sampleComment('A', 2).data, visibility: 'secret' } } as unknown as EventEnvelope;
    const error = await bus.publish(topic, [sampleComment('A', 1), bad]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EventValidationError);
    expect((error as EventValidationError).fields).toEqual(['data.visibility']);

    const admin = bareKafka().admin();
    await admin.connect();
    try {
      if ((await admin.listTopics()).includes(topic)) {
        const offsets = await admin.fetchTopicOffsets(topic);
        expect(offsets.every((partition) => partition.high === '0')).toBe(true);
      }
    } finally {
      await admin.disconnect();
    }
  });

  it('on graceful close finishes the event in flight and commits it, so the next member does not see it again', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const firstSeen: string[] = [];
    const first = await subscribe(async ({ event }) => {
      firstSeen.push(event.id);
      await gate;
    });
    const event = sampleComment('SLOW', 1);
    await bus.publish(topic, [event]);
    await waitFor(() => firstSeen.length === 1, { description: 'the slow event to start' });

    const closing = first.close();
    setTimeout(release, 300);
    await closing;

    const secondBus = new KafkaMessageBus({ ...testConnection(), clientId: 'test-2', partitions: 3 });
    const secondSeen: string[] = [];
    try {
      await secondBus.subscribe({ topic, group, handler: async ({ event: e }) => void secondSeen.push(e.id) });
      await bus.publish(topic, [sampleComment('SLOW', 2)]);
      await waitFor(() => secondSeen.length >= 1, { description: 'the next event at the new member' });
      expect(secondSeen).not.toContain(event.id);
    } finally {
      await secondBus.close();
    }
  });

  it('shares a group between two members without handling anything twice', async () => {
    const otherBus = new KafkaMessageBus({ ...testConnection(), clientId: 'test-b', partitions: 3 });
    const seen: Array<{ member: string; id: string }> = [];
    try {
      await subscribe(async ({ event }) => void seen.push({ member: 'a', id: event.id }));
      await subscribe(async ({ event }) => void seen.push({ member: 'b', id: event.id }), otherBus);
      const events = Array.from({ length: 60 }, (_, n) => sampleComment(`K${n % 9}`, n));
      await bus.publish(topic, events);
      await waitFor(() => seen.length >= 60, { description: '60 events across two members', timeoutMs: 60_000 });
      expect(new Set(seen.map((entry) => entry.id)).size).toBe(60);
      expect(seen).toHaveLength(60);
    } finally {
      await Promise.all(subscriptions.splice(0).map((subscription) => subscription.close()));
      await otherBus.close();
    }
  });

  it('carries concurrent publishes in shared produce requests, each one acknowledged and each key in order', async () => {
    const publishes = 240;
    const keys = 12;
    // Each key's publishes one after another (as one ticket's events are), the keys all at once (as a burst is).
    const chains = Array.from({ length: keys }, async (_, k) => {
      for (let n = k; n < publishes; n += keys) await bus.publish(topic, [sampleComment(`T${k}`, n)]);
    });
    const loose = Array.from({ length: 100 }, (_, n) => bus.publish(topic, [sampleComment(`L${n}`, publishes + n)]));
    await Promise.all([...chains, ...loose]);

    // Read back raw: a record's batch context names the record batch (one per partition per produce request) it came in.
    const records = (await readRecords(topic, publishes + 100)).map(({ partition, message }) => {
      const { firstOffset } = (message as unknown as { batchContext: { firstOffset: string } }).batchContext;
      const event = decodeEvent(message.value) as EventEnvelope<'CommentAdded'>;
      return { ticket: event.data.externalSourceId, number: sampleNumber(event), batch: `${partition}@${firstOffset}` };
    });
    expect(records).toHaveLength(publishes + 100);
    const byKey = new Map<string, number[]>();
    for (const { ticket, number } of records) byKey.set(ticket, [...(byKey.get(ticket) ?? []), number]);
    for (let k = 0; k < keys; k++) {
      const expected = Array.from({ length: publishes / keys }, (_, i) => k + i * keys);
      expect(byKey.get(`T${k}`)).toEqual(expected);
    }
    // One produce request per publish would make as many record batches as publishes; shared ones make far fewer.
    expect(new Set(records.map((record) => record.batch)).size).toBeLessThan((publishes + 100) / 2);
  });

  it('after a request the broker refused in part, sends with a new producer, so the next record to a partition it wrote is written', async () => {
    // A topic that takes record batches of 1 KiB at most: a request carrying more for it is refused there, and
    // written for the other topic it carries.
    const small = uniqueName('msg_small');
    const admin = bareKafka().admin();
    await admin.connect();
    try {
      await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1 }, { topic: small, numPartitions: 1, configEntries: [{ name: 'max.message.bytes', value: '1024' }] }] });
    } finally {
      await admin.disconnect();
    }
    const raw = (value: Buffer | string) => ({ key: 'k', value: Buffer.from(value), headers: {} });

    // The first send leaves at once; the two made while it is in flight share the next request.
    const first = bus.send(topic, [raw('first')]);
    const second = bus.send(topic, [raw('second')]);
    const oversized = bus.send(small, [raw(Buffer.alloc(4_096))]);
    await first;
    await expect(oversized).rejects.toMatchObject({ code: 'publish_failed' });
    await expect(second).rejects.toMatchObject({ code: 'publish_failed' });
    // kafkajs wound back the sequence of the partition it did write: the same producer's next record there would
    // carry the number of "second" and be acknowledged as its duplicate, unwritten.
    await bus.send(topic, [raw('third')]);

    const values = (await readRecords(topic, 3, 30_000)).map(({ message }) => message.value!.toString());
    // "second" was written though its send failed: a caller sends it again, and its event id makes the copy harmless.
    expect(values).toEqual(['first', 'second', 'third']);
  });

  it('writes the event id and type into record headers', async () => {
    const headers: Array<Record<string, string>> = [];
    await subscribe(async (delivery) => void headers.push({ ...delivery.headers }));
    const event = sampleComment('H', 1);
    await bus.publish(topic, [event], { headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' } });
    await waitFor(() => headers.length === 1, { description: 'the event' });
    expect(headers[0][Headers.EventId]).toBe(event.id);
    expect(headers[0][Headers.EventType]).toBe('CommentAdded');
    expect(headers[0][Headers.TraceParent]).toMatch(/^00-/);
  });
});

