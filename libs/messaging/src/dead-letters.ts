import { EventEnvelope, Headers, decodeEvent } from '@bridge/contracts';
import type { DeadLetter, ListedDeadLetter } from './message-bus.port';

// A replay writes a marker record (header `Headers.ReplayOf`) to the dead-letter topic: it names the letter by its
// partition and offset, so the letter is listed and replayed no more, whoever asks and after any restart. The topic
// itself keeps the state: no table, and it lives exactly as long as the letters it marks.

/** A record of a dead-letter topic as either transport holds it. */
export interface DeadLetterRecord {
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Readonly<Record<string, string>>;
}

/** Where a dead letter is: its dead-letter topic, partition and offset. Topic names hold no ':'. */
export function deadLetterId(topic: string, partition: number, offset: string): string {
  return `${topic}:${partition}:${offset}`;
}

export function parseDeadLetterId(id: string): { topic: string; partition: number; offset: string } | undefined {
  const match = /^([a-zA-Z0-9._-]+):(\d+):(\d+)$/.exec(id);
  return match ? { topic: match[1], partition: Number(match[2]), offset: match[3] } : undefined;
}

/** The dead letter a dead-letter record stands for, read from the headers the transport wrote when it parked it. */
export function deadLetterOf(key: string | null, value: Buffer | null, headers: Readonly<Record<string, string>>): DeadLetter {
  return {
    event: readableEvent(value),
    key,
    rawValue: value ? value.toString('utf8') : null,
    error: { code: headers[Headers.ErrorCode] ?? 'unknown', message: headers[Headers.ErrorMessage] ?? '' },
    attempts: Number(headers[Headers.Attempt] ?? 0),
    group: headers[Headers.ConsumerGroup] ?? '',
    original: {
      topic: headers[Headers.OriginalTopic] ?? '',
      partition: Number(headers[Headers.OriginalPartition] ?? -1),
      offset: headers[Headers.OriginalOffset] ?? '',
    },
    parkedAt: headers[Headers.ParkedAt] ?? '',
  };
}

/** The letters of one dead-letter topic that no replay marker names, in the order read, each with its record. */
export function openDeadLetters(topic: string, records: readonly DeadLetterRecord[]): Array<{ letter: ListedDeadLetter; record: DeadLetterRecord }> {
  const replayed = new Set(records.map((record) => record.headers[Headers.ReplayOf]).filter((of): of is string => of !== undefined));
  return records
    .filter((record) => record.headers[Headers.ReplayOf] === undefined && !replayed.has(`${record.partition}:${record.offset}`))
    .map((record) => ({ letter: { id: deadLetterId(topic, record.partition, record.offset), ...deadLetterOf(record.key, record.value, record.headers) }, record }));
}

/** The marker that a replay of the letter at this partition and offset writes to its dead-letter topic. */
export function replayMarkerHeaders(partition: number, offset: string): Record<string, string> {
  return { [Headers.ReplayOf]: `${partition}:${offset}` };
}

/**
 * The headers a replayed letter is published with: the producer's own (event id and type, trace context), without
 * what the bus wrote on its way to the dead-letter topic, so its group reads it as a new record.
 */
export function replayHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const busOwn = new Set<string>([
    Headers.Attempt,
    Headers.NotBefore,
    Headers.Held,
    Headers.OriginalTopic,
    Headers.OriginalPartition,
    Headers.OriginalOffset,
    Headers.ErrorCode,
    Headers.ErrorMessage,
    Headers.ParkedAt,
    Headers.ConsumerGroup,
  ]);
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !busOwn.has(name)));
}

/** The event of a record, or nothing when it cannot be read (why it may have been parked). */
export function readableEvent(value: Buffer | null): EventEnvelope | undefined {
  try {
    return decodeEvent(value);
  } catch {
    return undefined;
  }
}
