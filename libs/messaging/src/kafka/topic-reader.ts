import type { Admin, Kafka } from 'kafkajs';
import type { DeadLetterRecord } from '../dead-letters';
import { MessagingError } from '../failure';
import { headersToStrings } from './record-headers';

/**
 * Reads topics from their first record to their end as it is now, for an operator's look at dead letters. kafkajs
 * reads only as a member of a group: this one is throwaway and commits nothing, so no offset is left behind and no
 * subscription's group is touched. Records, per topic, in offset order within each partition.
 */
export async function readToEnd(kafka: Kafka, admin: Admin, topics: readonly string[], groupId: string, timeoutMs: number): Promise<Map<string, DeadLetterRecord[]>> {
  const read = new Map<string, DeadLetterRecord[]>(topics.map((topic) => [topic, []]));
  /** The last offset to read, per topic and partition that holds anything. */
  const last = new Map<string, bigint>();
  for (const topic of topics) {
    for (const { partition, low, high } of await admin.fetchTopicOffsets(topic)) {
      if (BigInt(high) > BigInt(low)) last.set(`${topic}/${partition}`, BigInt(high) - 1n);
    }
  }
  if (last.size === 0) return read;
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 100 });
  let timer: NodeJS.Timeout | undefined;
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [...topics], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(new MessagingError('read_failed', `topics ${topics.join(', ')} could not be read to their end within ${timeoutMs} ms`)), timeoutMs);
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ topic, partition, message }) => {
            const end = last.get(`${topic}/${partition}`);
            if (end === undefined || BigInt(message.offset) > end) return;
            read.get(topic)!.push({ partition, offset: message.offset, key: message.key ? message.key.toString() : null, value: message.value, headers: headersToStrings(message.headers) });
            if (BigInt(message.offset) === end) last.delete(`${topic}/${partition}`);
            if (last.size === 0) resolve();
          },
        })
        .catch(reject);
    });
    return read;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
}
