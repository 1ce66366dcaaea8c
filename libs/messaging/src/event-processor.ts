import { EventEnvelope, decodeEvent } from '@bridge/contracts';
import { SpanKind, contextOf, inSpan } from '@bridge/tracing';
import type { BusLogger } from './bus-logger';
import { Failure, classifyFailure } from './failure';
import { KeysInRetry } from './keys-in-retry';
import type { EventHandler } from './message-bus.port';
import type { RetryPolicy } from './retry-policy';

/** A record as either transport hands it over, before decoding. */
export interface InboundRecord {
  /** Where the event was first published, even when it is re-read from the retry topic. */
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

/** What a transport does with a record the processor cannot finish now. */
export interface ProcessorEffects {
  /**
   * Moves the record to the retry topic. `failedAttempts` is how often the handler already failed (0 for a record
   * that only follows its key into the retry topic); `failure` is absent in that case.
   */
  sendToRetry(record: InboundRecord, failedAttempts: number, delayMs: number, failure?: Failure): Promise<void>;
  park(record: InboundRecord, failure: Failure, attempts: number): Promise<void>;
}

export type RetryOutcome = { done: true } | { done: false; failedAttempts: number; retryAt: number };

/**
 * The consume semantics both transports share: decode and validate, hand to the handler, and on failure either
 * retry later (holding the key so its later events wait behind) or park. Transports only move bytes and offsets.
 */
export class EventProcessor {
  constructor(
    private readonly group: string,
    private readonly handler: EventHandler,
    private readonly policy: RetryPolicy,
    private readonly inRetry: KeysInRetry,
    private readonly effects: ProcessorEffects,
    private readonly logger: BusLogger,
    private readonly now: () => number = Date.now,
  ) {}

  /** A record read from the main topic. Resolves when it is done with: handled, sent to retry, or parked. */
  async processMain(record: InboundRecord): Promise<void> {
    const event = await this.decodeOrPark(record, 0);
    if (!event) return;
    const key = record.key ?? event.subject;
    if (this.inRetry.hasRetry(key)) {
      await this.effects.sendToRetry(record, 0, 0);
      this.inRetry.enter(key);
      return;
    }
    const failure = await this.tryHandler(record, event, 0);
    if (!failure) return;
    if (!failure.retriable || this.policy.maxRetries === 0) {
      await this.effects.park(record, failure, 1);
      return;
    }
    await this.effects.sendToRetry(record, 1, this.policy.delayMs(1), failure);
    this.inRetry.enter(key);
  }

  /**
   * A record from the retry topic that is due. Either it is done (handled or parked, and its key released) or it
   * must be tried again at `retryAt` without moving, so the records of its key behind it keep waiting.
   */
  async processRetry(record: InboundRecord, failedAttempts: number): Promise<RetryOutcome> {
    const event = await this.decodeOrPark(record, failedAttempts);
    const key = record.key ?? event?.subject ?? '';
    if (!event) {
      this.inRetry.leave(key);
      return { done: true };
    }
    const failure = await this.tryHandler(record, event, failedAttempts);
    if (!failure) {
      this.inRetry.leave(key);
      return { done: true };
    }
    const attempts = failedAttempts + 1;
    if (!failure.retriable || attempts > this.policy.maxRetries) {
      await this.effects.park(record, failure, attempts);
      this.inRetry.leave(key);
      return { done: true };
    }
    return { done: false, failedAttempts: attempts, retryAt: this.now() + this.policy.delayMs(attempts) };
  }

  private async decodeOrPark(record: InboundRecord, attempts: number): Promise<EventEnvelope | undefined> {
    try {
      return decodeEvent(record.value);
    } catch (error) {
      const failure = classifyFailure(error);
      this.logger.warn({ ...where(record), group: this.group, error: failure.message }, 'unreadable event parked');
      await this.effects.park(record, failure, attempts);
      return undefined;
    }
  }

  private async tryHandler(record: InboundRecord, event: EventEnvelope, attempt: number): Promise<Failure | undefined> {
    const attributes = {
      'messaging.consumer.group.name': this.group,
      'messaging.destination.name': record.topic,
      'messaging.message.id': event.id,
      'bridge.subject': event.subject,
      'bridge.attempt': attempt,
    };
    try {
      // A span of the trace the producer started, its context read from the record's headers.
      await inSpan(`process ${event.type}`, { kind: SpanKind.CONSUMER, attributes, parent: contextOf(record.headers) }, () =>
        this.handler({ event, topic: record.topic, partition: record.partition, offset: record.offset, attempt, headers: record.headers }),
      );
      return undefined;
    } catch (error) {
      const failure = classifyFailure(error);
      this.logger.warn(
        { ...where(record), group: this.group, eventId: event.id, attempt, code: failure.code, error: failure.message },
        failure.retriable ? 'handler failed, will retry' : 'handler failed, not retriable',
      );
      return failure;
    }
  }
}

function where(record: InboundRecord) {
  return { topic: record.topic, partition: record.partition, offset: record.offset, key: record.key };
}
