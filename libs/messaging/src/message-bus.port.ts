import type { EventEnvelope } from '@bridge/contracts';
import type { RetryPolicy } from './retry-policy';

/** One event as a handler receives it, with where it came from and how often it already failed. */
export interface ConsumedEvent {
  event: EventEnvelope;
  /** The topic the event was published to (not the retry topic it may be re-read from). */
  topic: string;
  partition: number;
  offset: string;
  /** 0 on first delivery; n when the handler already failed n times. */
  attempt: number;
  headers: Readonly<Record<string, string>>;
}

export type EventHandler = (delivery: ConsumedEvent) => Promise<void>;

export interface SubscriptionOptions {
  topic: string;
  /** Consumer group: each group sees every event once, and owns its own retry and dead-letter topics. */
  group: string;
  handler: EventHandler;
  retry?: RetryPolicy;
}

export interface Subscription {
  /** Stops taking new events, lets in-flight ones finish, commits, and leaves the group. */
  close(): Promise<void>;
}

/** An event that could not be handled and was set aside, with why. */
export interface DeadLetter {
  /** The event when it could be decoded; absent for unreadable records. */
  event?: EventEnvelope;
  key: string | null;
  rawValue: string | null;
  error: { code: string; message: string };
  /** How many times the handler ran on it (0 when it never could: an invalid event). */
  attempts: number;
  group: string;
  original: { topic: string; partition: number; offset: string };
  parkedAt: string;
}

/** A dead letter as an operator sees it: with the id its replay takes, unique across the bus's dead-letter topics. */
export interface ListedDeadLetter extends DeadLetter {
  id: string;
}

/** Events published to a topic that a consumer group has not handled yet (not committed past). */
export interface ConsumerLag {
  group: string;
  topic: string;
  lag: number;
}

export interface PublishOptions {
  /** Extra record headers, e.g. a trace context. */
  headers?: Readonly<Record<string, string>>;
}

/**
 * The messaging port. Two implementations keep the same semantics: Kafka for distributed runs, in-process for the
 * standalone run. Services depend on this interface only, so the broker client can change.
 */
export interface MessageBus {
  /**
   * Validates and publishes events keyed by their subject. Resolves only once the broker acknowledged every one
   * (acks=all); rejects with a `MessagingError` otherwise, publishing nothing from an invalid batch.
   */
  publish(topic: string, events: readonly EventEnvelope[], options?: PublishOptions): Promise<void>;
  subscribe(options: SubscriptionOptions): Promise<Subscription>;
  /** Checks the bus can reach its broker, for readiness probes. */
  ping(): Promise<void>;
  /** The lag of each subscription of this bus, on its topic and its retry topic: the `bridge_consumer_lag` metric. */
  consumerLag(): Promise<ConsumerLag[]>;
  /** The dead letters of this bus's subscriptions not replayed yet, oldest first per dead-letter topic and partition. */
  listDeadLetters(): Promise<ListedDeadLetter[]>;
  /**
   * Publishes a listed dead letter again to the topic it came from, as a new record its group reads from the start
   * (handled, or retried and parked again with the new answer), and marks it replayed so it is neither listed nor
   * replayed again. False when no dead letter of that id waits (unknown, or already replayed).
   */
  replayDeadLetter(id: string): Promise<boolean>;
  close(): Promise<void>;
}
