import { EventEnvelope, decodeEvent } from '@bridge/contracts';
import { bareKafka } from '../../support/kafka-test-kit';

/**
 * Everything published on one topic, read back by a bare consumer from the beginning, and able to say when it has
 * read the topic to its end as the broker reports it now: "nothing else was published" becomes checkable.
 */
export class TopicRecorder {
  readonly events: EventEnvelope[] = [];
  private readonly kafka = bareKafka('recorder');
  private readonly consumer = this.kafka.consumer({ groupId: `rec-${Date.now()}-${Math.random()}` });
  /** Per partition, the offset after the last record read. */
  private readonly readUpTo = new Map<number, bigint>();

  constructor(private readonly topic: string) {}

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.topic, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ partition, message }) => {
        this.events.push(decodeEvent(message.value));
        this.readUpTo.set(partition, BigInt(message.offset) + 1n);
      },
    });
  }

  /** True once every partition has been read up to its high watermark (the producer is idempotent, not transactional). */
  async caughtUp(): Promise<boolean> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const ends = await admin.fetchTopicOffsets(this.topic);
      return ends.every((end) => BigInt(end.high) <= (this.readUpTo.get(end.partition) ?? 0n));
    } finally {
      await admin.disconnect();
    }
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }
}
