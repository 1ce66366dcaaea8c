import { AsyncResource } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventEnvelope, Headers, deadLetterTopic, encodeEvent, retryTopic } from '@bridge/contracts';
import { BusLogger, silentLogger } from '../bus-logger';
import { EventProcessor, InboundRecord, ProcessorEffects } from '../event-processor';
import { MessagingError } from '../failure';
import { KeysInRetry } from '../keys-in-retry';
import { deadLetterId, readableEvent, replayHeaders } from '../dead-letters';
import type { ConsumerLag, DeadLetter, ListedDeadLetter, MessageBus, PublishOptions, Subscription, SubscriptionOptions } from '../message-bus.port';
import { DEFAULT_RETRY_POLICY } from '../retry-policy';
import { SerialQueue } from './serial-queue';

export interface InProcessBusOptions {
  partitions?: number;
  logger?: BusLogger;
}

/** A parked record as the in-process stand-in for a dead-letter topic keeps it. */
interface ParkedRecord {
  id: string;
  letter: DeadLetter;
  record: InboundRecord;
}

interface RetryItem {
  record: InboundRecord;
  failedAttempts: number;
  retryAt: number;
}

/**
 * The messaging port inside one process, for the standalone run and logic tests. It keeps Kafka's semantics where
 * they matter to services: events are validated on publish and on consume, keyed events are handled in order
 * per key across a fixed set of partitions, a failing event is retried on a schedule while its key's later events
 * wait behind it, and what keeps failing is parked as a dead letter. It is not durable: what is queued when the
 * process stops is gone, which is why distributed runs use Kafka.
 */
export class InProcessMessageBus implements MessageBus {
  private readonly partitions: number;
  private readonly logger: BusLogger;
  private readonly groups = new Map<string, InProcessGroup>();
  /** Records published before any group subscribed to their topic; the first group gets them, as Kafka would. */
  private readonly unclaimed = new Map<string, InboundRecord[]>();
  private readonly offsets = new Map<string, number>();
  private readonly parked: ParkedRecord[] = [];
  private readonly replayed = new Set<string>();
  private closed = false;

  constructor(options: InProcessBusOptions = {}) {
    this.partitions = options.partitions ?? 6;
    this.logger = options.logger ?? silentLogger;
  }

  async publish(topic: string, events: readonly EventEnvelope[], options: PublishOptions = {}): Promise<void> {
    if (this.closed) throw new MessagingError('not_connected', 'the in-process bus is closed');
    const records = events.map((event) => ({ event, value: encodeEvent(event) }));
    for (const { event, value } of records) {
      const partition = partitionOf(event.subject, this.partitions);
      this.deliver({
        topic,
        partition,
        offset: this.nextOffset(topic, partition),
        key: event.subject,
        value,
        headers: { ...options.headers, [Headers.EventId]: event.id, [Headers.EventType]: event.type },
      });
    }
  }

  async subscribe(options: SubscriptionOptions): Promise<Subscription> {
    if (this.closed) throw new MessagingError('not_connected', 'the in-process bus is closed');
    const id = `${options.topic}\u0000${options.group}`;
    if (this.groups.has(id)) {
      throw new MessagingError('subscribe_failed', `group ${options.group} already subscribes to ${options.topic} in this process`);
    }
    const group = new InProcessGroup(options, this.partitions, this.logger, (letter, record) =>
      this.parked.push({ id: deadLetterId(deadLetterTopic(options.topic, options.group), record.partition, String(this.parked.length)), letter, record }),
    );
    this.groups.set(id, group);
    const waiting = this.unclaimed.get(options.topic) ?? [];
    this.unclaimed.delete(options.topic);
    for (const record of waiting) group.enqueue(record);
    return {
      close: async () => {
        await group.close();
        this.groups.delete(id);
      },
    };
  }

  async ping(): Promise<void> {
    if (this.closed) throw new MessagingError('not_connected', 'the in-process bus is closed');
  }

  /** Events queued or being handled, per group: in one process nothing is committed, so that is the lag. */
  async consumerLag(): Promise<ConsumerLag[]> {
    return [...this.groups.values()].flatMap((group) => group.lag());
  }

  /** Every parked event, replayed or not, newest last: what tests of the bus look at. */
  deadLetters(): readonly DeadLetter[] {
    return this.parked.map(({ letter }) => letter);
  }

  async listDeadLetters(): Promise<ListedDeadLetter[]> {
    return this.parked.filter(({ id }) => !this.replayed.has(id)).map(({ id, letter }) => ({ id, ...letter }));
  }

  async replayDeadLetter(id: string): Promise<boolean> {
    const parked = this.parked.find((candidate) => candidate.id === id);
    if (!parked || this.replayed.has(id)) return false;
    this.replayed.add(id);
    const { record } = parked;
    this.deliver({ ...record, offset: this.nextOffset(record.topic, record.partition), headers: replayHeaders(record.headers) });
    return true;
  }

  /** Resolves once every queued event has been handled, retried to its end, or parked. */
  async idle(): Promise<void> {
    for (;;) {
      const groups = [...this.groups.values()];
      await Promise.all(groups.map((group) => group.idle()));
      if (groups.every((group) => group.isIdle())) return;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.groups.values()].map((group) => group.close()));
    this.groups.clear();
  }

  private nextOffset(topic: string, partition: number): string {
    const offsetKey = `${topic}/${partition}`;
    const offset = this.offsets.get(offsetKey) ?? 0;
    this.offsets.set(offsetKey, offset + 1);
    return String(offset);
  }

  private deliver(record: InboundRecord): void {
    const groups = [...this.groups.values()].filter((group) => group.topic === record.topic);
    if (groups.length === 0) {
      const waiting = this.unclaimed.get(record.topic) ?? [];
      waiting.push(record);
      this.unclaimed.set(record.topic, waiting);
      return;
    }
    for (const group of groups) group.enqueue(record);
  }
}

class InProcessGroup {
  readonly topic: string;
  readonly name: string;
  private readonly main: SerialQueue<InboundRecord>[];
  private readonly retry: SerialQueue<RetryItem>[];
  private readonly processor: EventProcessor;
  private readonly inRetry = new KeysInRetry();
  private readonly abort = new AbortController();
  private closing = false;

  constructor(options: SubscriptionOptions, partitions: number, private readonly logger: BusLogger, park: (letter: DeadLetter, record: InboundRecord) => void) {
    this.topic = options.topic;
    this.name = options.group;
    const onError = (error: unknown) => this.logger.error({ group: options.group, error: (error as Error).message }, 'in-process lane failed');
    // Created here, at subscribe time: consumers run in the subscriber's context, never in a publisher's.
    const scope = new AsyncResource('bridge.in-process-consumer');
    this.main = Array.from({ length: partitions }, () => new SerialQueue<InboundRecord>((record) => this.processor.processMain(record), onError, scope));
    this.retry = Array.from({ length: partitions }, () => new SerialQueue<RetryItem>((item) => this.runRetry(item), onError, scope));
    const effects: ProcessorEffects = {
      sendToRetry: async (record, failedAttempts, delayMs) => {
        this.retry[record.partition].push({ record, failedAttempts, retryAt: Date.now() + delayMs });
      },
      park: async (record, failure, attempts) => {
        const letter: DeadLetter = {
          event: readableEvent(record.value),
          key: record.key,
          rawValue: record.value ? record.value.toString('utf8') : null,
          error: { code: failure.code, message: failure.message },
          attempts,
          group: options.group,
          original: { topic: record.topic, partition: record.partition, offset: record.offset },
          parkedAt: new Date().toISOString(),
        };
        park(letter, record);
        this.logger.error({ key: record.key, group: options.group, code: failure.code, attempts }, 'event parked');
      },
    };
    this.processor = new EventProcessor(options.group, options.handler, options.retry ?? DEFAULT_RETRY_POLICY, this.inRetry, effects, logger);
  }

  lag(): ConsumerLag[] {
    const sum = (queues: ReadonlyArray<{ pending: number }>) => queues.reduce((total, queue) => total + queue.pending, 0);
    return [
      { group: this.name, topic: this.topic, lag: sum(this.main) },
      { group: this.name, topic: retryTopic(this.topic, this.name), lag: sum(this.retry) },
    ];
  }

  enqueue(record: InboundRecord): void {
    if (this.closing) return;
    this.main[record.partition].push(record);
  }

  isIdle(): boolean {
    return [...this.main, ...this.retry].every((queue) => !queue.busy);
  }

  async idle(): Promise<void> {
    await Promise.all([...this.main, ...this.retry].map((queue) => queue.idle()));
  }

  /** Finishes the events already queued on the main lanes; retries still waiting are dropped, and said so. */
  async close(): Promise<void> {
    await Promise.all(this.main.map((queue) => queue.idle()));
    this.closing = true;
    const dropped = this.retry.flatMap((queue) => queue.clear());
    this.abort.abort();
    await Promise.all(this.retry.map((queue) => queue.idle()));
    if (dropped.length > 0) {
      this.logger.warn({ topic: this.topic, dropped: dropped.length }, 'in-process bus closed with retries pending');
    }
  }

  private async runRetry(item: RetryItem): Promise<void> {
    let { failedAttempts, retryAt } = item;
    for (;;) {
      const wait = retryAt - Date.now();
      if (wait > 0) {
        try {
          await sleep(wait, undefined, { signal: this.abort.signal });
        } catch {
          return;
        }
      }
      const outcome = await this.processor.processRetry(item.record, failedAttempts);
      if (outcome.done) return;
      ({ failedAttempts, retryAt } = outcome);
    }
  }
}

function partitionOf(key: string, partitions: number): number {
  return createHash('md5').update(key).digest().readUInt32BE(0) % partitions;
}
