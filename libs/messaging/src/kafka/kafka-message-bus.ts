import { EventEnvelope, Headers, deadLetterTopic, encodeEvent, retryTopic } from '@bridge/contracts';
import { Admin, Consumer, EachBatchPayload, Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import { BusLogger, silentLogger } from '../bus-logger';
import type { BusConnection } from '../bus-security';
import { kafkajsSecurity } from './kafkajs-security';
import { EventProcessor, InboundRecord, ProcessorEffects } from '../event-processor';
import { MessagingError } from '../failure';
import { KeysInRetry } from '../keys-in-retry';
import { randomUUID } from 'node:crypto';
import { openDeadLetters, parseDeadLetterId, replayHeaders, replayMarkerHeaders } from '../dead-letters';
import type { ConsumerLag, ListedDeadLetter, MessageBus, PublishOptions, Subscription, SubscriptionOptions } from '../message-bus.port';
import { DEFAULT_RETRY_POLICY } from '../retry-policy';
import { CoalescingSender, OutgoingRecord } from './coalescing-sender';
import { CoPartitionedAssigner } from './co-partitioned-assigner';
import { deadLetterHeaders, fromRetryRecord, headersToStrings, retryHeaders } from './record-headers';
import { readToEnd } from './topic-reader';

export interface KafkaBusOptions extends BusConnection {
  clientId: string;
  logger?: BusLogger;
  /** Partitions of the topics the bus creates. Order holds per key whatever the count. */
  partitions?: number;
  /** Replication of the topics the bus creates; -1 takes the broker's default. */
  replicationFactor?: number;
  /** Offsets are committed at least this often (and on shutdown); a crash re-delivers at most this window. */
  commitIntervalMs?: number;
  /** How long a silent member keeps its partitions: the pause a crashed replica costs its partitions. */
  sessionTimeoutMs?: number;
}

const DEFAULT_PARTITIONS = 6;
/** How long an operator's look at the dead-letter topics may take: joining a throwaway group takes seconds. */
const DEAD_LETTER_READ_TIMEOUT_MS = 30_000;

/**
 * The messaging port on Kafka. The producer is idempotent with acks=all. A subscription reads its topic and its
 * own retry topic with one consumer, commits an offset only once the event was handled, sent to retry or parked,
 * and never sleeps on a partition: a record not yet due pauses only its retry partition.
 */
export class KafkaMessageBus implements MessageBus {
  private readonly kafka: Kafka;
  private readonly logger: BusLogger;
  private producer?: Promise<Producer>;
  /** Every send of this process goes through here, so concurrent ones share a produce request. */
  private readonly sender = new CoalescingSender(async (topicMessages) => {
    const producer = this.producerClient();
    try {
      await (await producer).sendBatch({ topicMessages, acks: -1 });
    } catch (error) {
      this.discardProducer(producer);
      throw error;
    }
  });
  private admin?: Promise<Admin>;
  private readonly subscriptions = new Set<KafkaSubscription>();
  /** Topics known to exist with the bus's partition count; relying on auto-creation would get the broker's count. */
  private readonly ensured = new Map<string, Promise<void>>();
  /** Replays of this process one at a time, so two at once cannot both find the same letter not yet replayed. */
  private replays: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: KafkaBusOptions) {
    this.logger = options.logger ?? silentLogger;
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      ...kafkajsSecurity(options.security),
      logLevel: logLevel.WARN,
      logCreator: () => (entry) => {
        const { message, ...rest } = entry.log;
        this.logger.warn({ kafkajs: entry.namespace, ...rest }, message);
      },
      retry: { initialRetryTime: 300, retries: 8 },
    });
  }

  async publish(topic: string, events: readonly EventEnvelope[], options: PublishOptions = {}): Promise<void> {
    // Encoding validates every event first, so an invalid batch publishes nothing.
    const messages = events.map((event) => ({
      key: event.subject,
      value: encodeEvent(event),
      headers: { ...options.headers, [Headers.EventId]: event.id, [Headers.EventType]: event.type },
    }));
    await this.ensureTopic(topic);
    await this.send(topic, messages);
  }

  private ensureTopic(topic: string): Promise<void> {
    let ensured = this.ensured.get(topic);
    if (!ensured) {
      ensured = this.ensureTopics([topic]).catch((error: unknown) => {
        this.ensured.delete(topic);
        throw new MessagingError('publish_failed', `topic ${topic} could not be created: ${brokerReasons(error)}`, { cause: error });
      });
      this.ensured.set(topic, ensured);
    }
    return ensured;
  }

  async subscribe(options: SubscriptionOptions): Promise<Subscription> {
    const retry = retryTopic(options.topic, options.group);
    const dead = deadLetterTopic(options.topic, options.group);
    await this.ensureTopics([options.topic, retry, dead]).catch((error: unknown) => {
      throw new MessagingError('subscribe_failed', `the topics of ${options.group} could not be created: ${brokerReasons(error)}`, { cause: error });
    });
    const consumer = this.kafka.consumer({
      groupId: options.group,
      partitionAssigners: [CoPartitionedAssigner],
      sessionTimeout: this.options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: 3_000,
      maxWaitTimeInMs: 250,
      allowAutoTopicCreation: false,
    });
    const subscription = new KafkaSubscription(consumer, options, retry, dead, this, this.logger);
    await subscription.start(this.options.commitIntervalMs ?? 1_000);
    this.subscriptions.add(subscription);
    subscription.onClosed = () => this.subscriptions.delete(subscription);
    return subscription;
  }

  async ping(): Promise<void> {
    try {
      const admin = await this.adminClient();
      await admin.describeCluster();
    } catch (error) {
      throw new MessagingError('not_connected', `Kafka does not answer: ${(error as Error).message}`, { cause: error });
    }
  }

  /** The group's committed offsets against the topics' end offsets, per subscription, main topic and retry topic. */
  async consumerLag(): Promise<ConsumerLag[]> {
    const admin = await this.adminClient();
    const lags: ConsumerLag[] = [];
    for (const subscription of this.subscriptions) {
      for (const topic of subscription.topics) {
        const [committed] = await admin.fetchOffsets({ groupId: subscription.group, topics: [topic] });
        let lag = 0;
        for (const end of await admin.fetchTopicOffsets(topic)) {
          const offset = committed?.partitions.find((partition) => partition.partition === end.partition)?.offset;
          // Nothing committed yet: the group starts at the earliest record it can still read.
          const from = offset === undefined || Number(offset) < 0 ? Number(end.low) : Number(offset);
          lag += Math.max(0, Number(end.high) - from);
        }
        lags.push({ group: subscription.group, topic, lag });
      }
    }
    return lags;
  }

  async listDeadLetters(): Promise<ListedDeadLetter[]> {
    return (await this.openDeadLetters([...this.subscriptions])).map(({ letter }) => letter);
  }

  replayDeadLetter(id: string): Promise<boolean> {
    const replay = this.replays.then(async () => {
      const where = parseDeadLetterId(id);
      const subscription = [...this.subscriptions].find((candidate) => candidate.deadLetterTopic === where?.topic);
      if (!where || !subscription) return false;
      const open = (await this.openDeadLetters([subscription])).find(({ letter }) => letter.id === id);
      if (!open) return false;
      const { letter, record } = open;
      // Published first, marked second: a crash between the two lists the letter again, and a second replay is a
      // duplicate its consumers drop by event id; the other order could lose it.
      await this.send(letter.original.topic, [{ key: record.key, value: record.value, headers: replayHeaders(record.headers) }]);
      await this.send(where.topic, [{ key: record.key, value: null, headers: replayMarkerHeaders(record.partition, record.offset) }]);
      this.logger.warn({ id, topic: letter.original.topic, key: record.key, group: letter.group }, 'dead letter replayed');
      return true;
    });
    this.replays = replay.catch(() => undefined);
    return replay;
  }

  /** The open letters of these subscriptions' dead-letter topics, read by a throwaway group named within their namespace. */
  private async openDeadLetters(subscriptions: readonly KafkaSubscription[]) {
    if (subscriptions.length === 0) return [];
    const topics = [...new Set(subscriptions.map((subscription) => subscription.deadLetterTopic))];
    const groupId = `${subscriptions[0].group}.dead-letter-reader.${randomUUID()}`;
    const read = await readToEnd(this.kafka, await this.adminClient(), topics, groupId, DEAD_LETTER_READ_TIMEOUT_MS);
    return [...read].flatMap(([topic, records]) => openDeadLetters(topic, records));
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    // Sends already asked for leave before the producer goes; disconnected first, a waiting one would start another.
    await this.sender.drained();
    const [producer, admin] = [this.producer, this.admin];
    this.producer = undefined;
    this.admin = undefined;
    await Promise.allSettled([producer?.then((p) => p.disconnect()), admin?.then((a) => a.disconnect())]);
  }

  /** Sends raw records; shared by publish, the retry topic and the dead-letter topic. */
  async send(topic: string, messages: OutgoingRecord[]): Promise<void> {
    try {
      await this.sender.send(topic, messages);
    } catch (error) {
      throw new MessagingError('publish_failed', `Kafka did not acknowledge ${messages.length} record(s) on ${topic}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  /**
   * Creates missing topics; retry and dead-letter topics get the partition count of the topic they serve, which
   * the co-partitioned assignment relies on.
   */
  private async ensureTopics(topics: string[]): Promise<void> {
    // A topic just created may be unknown to the broker's metadata for a moment ("does not host this
    // topic-partition"), more so on a busy machine: those answers are retriable, so ask again shortly.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.createTopics(topics);
      } catch (error) {
        const retriable = (error as { retriable?: boolean }).retriable === true || /does not host this topic-partition|leader/i.test((error as Error).message);
        if (!retriable || attempt >= 10) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  }

  private async createTopics([main, ...lanes]: string[]): Promise<void> {
    const admin = await this.adminClient();
    const replicationFactor = this.options.replicationFactor ?? -1;
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic: main, numPartitions: this.options.partitions ?? DEFAULT_PARTITIONS, replicationFactor }],
    });
    const metadata = await admin.fetchTopicMetadata({ topics: [main] });
    const numPartitions = metadata.topics[0].partitions.length;
    if (lanes.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: lanes.map((topic) => ({ topic, numPartitions, replicationFactor })),
    });
  }

  private producerClient(): Promise<Producer> {
    this.producer ??= (async () => {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      return producer;
    })().catch((error: unknown) => {
      this.producer = undefined;
      throw error;
    });
    return this.producer;
  }

  /**
   * After a failed request kafkajs has wound back the sequence numbers of every partition in it, the ones the broker
   * wrote included; the next send to such a partition would reuse a number the broker holds and be acknowledged
   * without being written. A new producer (a new producer id) starts its sequences afresh (docs/adr/0026).
   */
  private discardProducer(failed: Promise<Producer>): void {
    if (this.producer !== failed) return;
    this.producer = undefined;
    void failed.then((producer) => producer.disconnect()).catch((error: unknown) => this.logger.warn({ err: error }, 'disconnecting a failed producer'));
  }

  private adminClient(): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })().catch((error: unknown) => {
      this.admin = undefined;
      throw error;
    });
    return this.admin;
  }
}

type RawSender = Pick<KafkaMessageBus, 'send'>;

class KafkaSubscription implements Subscription {
  onClosed?: () => void;

  get group(): string {
    return this.options.group;
  }

  get deadLetterTopic(): string {
    return this.deadLetterTopicName;
  }

  /** The topic and the group's retry topic, both read by this subscription. */
  get topics(): string[] {
    return [this.options.topic, this.retryTopicName];
  }

  private readonly inRetry = new KeysInRetry();
  private readonly processor: EventProcessor;
  /** Retry records being waited on, by partition:offset, so a re-fetch knows how often they already failed. */
  private readonly retryState = new Map<string, { failedAttempts: number; retryAt: number }>();
  private readonly resumeTimers = new Set<NodeJS.Timeout>();
  private closing?: Promise<void>;

  constructor(
    private readonly consumer: Consumer,
    private readonly options: SubscriptionOptions,
    private readonly retryTopicName: string,
    private readonly deadLetterTopicName: string,
    sender: RawSender,
    logger: BusLogger,
  ) {
    const effects: ProcessorEffects = {
      sendToRetry: async (record, failedAttempts, delayMs, failure) => {
        await sender.send(retryTopicName, [
          { key: record.key, value: record.value, headers: retryHeaders(record, failedAttempts, Date.now() + delayMs, failure) },
        ]);
      },
      park: async (record, failure, attempts) => {
        await sender.send(deadLetterTopicName, [
          { key: record.key, value: record.value, headers: deadLetterHeaders(record, failure, attempts, options.group, new Date()) },
        ]);
        logger.error(
          { topic: record.topic, partition: record.partition, offset: record.offset, key: record.key, group: options.group, code: failure.code, attempts },
          'event parked on the dead-letter topic',
        );
      },
    };
    this.processor = new EventProcessor(options.group, options.handler, options.retry ?? DEFAULT_RETRY_POLICY, this.inRetry, effects, logger);
  }

  async start(commitIntervalMs: number): Promise<void> {
    await this.consumer.connect();
    // A rebalance may hand our partitions to another member, which starts from committed offsets; what this
    // member held back is then re-read from the retry topic by that member.
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
      this.inRetry.clear();
      this.retryState.clear();
    });
    await this.consumer.subscribe({ topics: [this.options.topic, this.retryTopicName], fromBeginning: true });
    await this.consumer.run({
      autoCommit: true,
      autoCommitInterval: commitIntervalMs,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 64,
      eachBatch: (payload) => (payload.batch.topic === this.retryTopicName ? this.retryBatch(payload) : this.mainBatch(payload)),
    });
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      for (const timer of this.resumeTimers) clearTimeout(timer);
      // disconnect() stops fetching, waits for the batch in flight (which stops between records), commits the
      // resolved offsets and leaves the group.
      await this.consumer.disconnect();
      this.onClosed?.();
    })();
    return this.closing;
  }

  private async mainBatch({ batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary }: EachBatchPayload) {
    for (const message of batch.messages) {
      if (!isRunning() || isStale()) return;
      await this.processor.processMain({
        topic: batch.topic,
        partition: batch.partition,
        offset: message.offset,
        key: message.key ? message.key.toString() : null,
        value: message.value,
        headers: headersToStrings(message.headers),
      });
      resolveOffset(message.offset);
      await commitOffsetsIfNecessary();
      await heartbeat();
    }
  }

  private async retryBatch({ batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary, pause }: EachBatchPayload) {
    for (const message of batch.messages) {
      if (!isRunning() || isStale()) return;
      const stateKey = `${batch.partition}:${message.offset}`;
      const decoded = fromRetryRecord(batch.partition, message.offset, message.key ? message.key.toString() : null, message.value, headersToStrings(message.headers));
      const state = this.retryState.get(stateKey) ?? { failedAttempts: decoded.failedAttempts, retryAt: decoded.notBefore };
      if (state.retryAt > Date.now()) {
        this.retryState.set(stateKey, state);
        this.pauseUntil(pause, state.retryAt);
        return;
      }
      const outcome = await this.processor.processRetry(decoded.record as InboundRecord, state.failedAttempts);
      if (!outcome.done) {
        this.retryState.set(stateKey, { failedAttempts: outcome.failedAttempts, retryAt: outcome.retryAt });
        this.pauseUntil(pause, outcome.retryAt);
        return;
      }
      this.retryState.delete(stateKey);
      resolveOffset(message.offset);
      await commitOffsetsIfNecessary();
      await heartbeat();
    }
  }

  /** Stops fetching this retry partition until the record at its head is due; the rest of the batch is re-read then. */
  private pauseUntil(pause: () => () => void, at: number): void {
    const resume = pause();
    const timer = setTimeout(() => {
      this.resumeTimers.delete(timer);
      resume();
    }, Math.max(0, at - Date.now()));
    timer.unref();
    this.resumeTimers.add(timer);
  }
}

/**
 * What the broker said, for an operator: kafkajs gathers a request's per-topic errors under one "Topic creation
 * errors", which would hide a TOPIC_AUTHORIZATION_FAILED (a principal without its ACL) behind a generic line.
 */
function brokerReasons(error: unknown): string {
  const inner = (error as { errors?: Array<{ type?: string; message?: string }> }).errors;
  const reasons = [...new Set((inner ?? []).map((each) => each.type ?? each.message).filter(Boolean))];
  return reasons.length > 0 ? `${(error as Error).message} (${reasons.join(', ')})` : (error as Error).message;
}
