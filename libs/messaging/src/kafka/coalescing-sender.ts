/** One record as the producer sends it. */
export interface OutgoingRecord {
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

/** The records of one topic in one produce request, in the order they were asked for. */
export interface TopicRecords {
  topic: string;
  messages: OutgoingRecord[];
}

export interface CoalescingLimits {
  /** Records in one produce request at most (a single send larger than this still goes, alone). */
  maxRecords: number;
  /**
   * Size of one produce request at most: its values' bytes, and its keys' and headers' characters (near enough for
   * a limit this far under the broker's). Kafka refuses a partition's record batch larger than the topic's
   * `max.message.bytes` (1 MiB by default) and then fails every send merged into it, so stay well under.
   */
  maxBytes: number;
}

export const DEFAULT_COALESCING_LIMITS: CoalescingLimits = { maxRecords: 1_000, maxBytes: 256 * 1024 };

interface PendingSend extends TopicRecords {
  bytes: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Sends that arrive while a produce request is in flight leave together in the next one (group commit, without a
 * timer). The idempotent producer keeps one request in flight per broker, so without this every concurrent publish
 * (a burst of webhooks, Tangoe's pushes) waited for a round trip of its own, its encoded request held in memory
 * meanwhile. A lone send leaves at once: nothing waits for company. Each caller is answered by the request that
 * carried its records: all of them acknowledged, or all of them failed with that request's error.
 */
export class CoalescingSender {
  private readonly waiting: PendingSend[] = [];
  /** The flush under way, which takes every send waiting until none is left; undefined when idle. */
  private flushing?: Promise<void>;

  constructor(
    private readonly produce: (batch: TopicRecords[]) => Promise<void>,
    private readonly limits: CoalescingLimits = DEFAULT_COALESCING_LIMITS,
  ) {}

  send(topic: string, messages: OutgoingRecord[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ topic, messages, bytes: bytesOf(messages), resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  /** Settles once every send asked for so far has been answered. */
  async drained(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flush(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        const taken = this.takeRequest();
        try {
          await this.produce(byTopic(taken));
          for (const send of taken) send.resolve();
        } catch (error) {
          for (const send of taken) send.reject(error);
        }
      }
    } finally {
      this.flushing = undefined;
    }
  }

  /** The oldest sends that fit the limits together; always at least one, so an oversized send is not stuck. */
  private takeRequest(): PendingSend[] {
    let records = 0;
    let bytes = 0;
    let count = 0;
    for (const send of this.waiting) {
      const fits = records + send.messages.length <= this.limits.maxRecords && bytes + send.bytes <= this.limits.maxBytes;
      if (count > 0 && !fits) break;
      records += send.messages.length;
      bytes += send.bytes;
      count++;
    }
    return this.waiting.splice(0, count);
  }
}

/** Merges sends to the same topic, keeping the order they were asked in (and so each key's order). */
function byTopic(sends: readonly PendingSend[]): TopicRecords[] {
  const topics = new Map<string, OutgoingRecord[]>();
  for (const send of sends) {
    const messages = topics.get(send.topic) ?? [];
    messages.push(...send.messages);
    topics.set(send.topic, messages);
  }
  return [...topics].map(([topic, messages]) => ({ topic, messages }));
}

function bytesOf(messages: readonly OutgoingRecord[]): number {
  let bytes = 0;
  for (const message of messages) {
    bytes += (message.key?.length ?? 0) + (message.value?.length ?? 0);
    for (const [name, value] of Object.entries(message.headers)) bytes += name.length + value.length;
  }
  return bytes;
}
