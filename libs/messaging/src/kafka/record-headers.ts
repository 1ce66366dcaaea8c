import { Headers } from '@bridge/contracts';
import type { IHeaders } from 'kafkajs';
import type { Failure } from '../failure';
import type { InboundRecord } from '../event-processor';
import type { DeadLetter } from '../message-bus.port';
import { deadLetterOf } from '../dead-letters';

/** kafkajs hands headers over as Buffers (or arrays of them); the bridge only ever writes single strings. */
export function headersToStrings(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[name] = first.toString();
  }
  return out;
}

/** Headers of a record sent to the retry topic: where it first came from, and when it may be tried again. */
export function retryHeaders(record: InboundRecord, failedAttempts: number, notBefore: number, failure?: Failure) {
  const headers: Record<string, string> = {
    ...record.headers,
    [Headers.Attempt]: String(failedAttempts),
    [Headers.NotBefore]: String(notBefore),
    [Headers.OriginalTopic]: record.topic,
    [Headers.OriginalPartition]: String(record.partition),
    [Headers.OriginalOffset]: record.offset,
  };
  if (failure) {
    headers[Headers.ErrorCode] = failure.code;
    headers[Headers.ErrorMessage] = truncate(failure.message);
    delete headers[Headers.Held];
  } else {
    headers[Headers.Held] = 'true';
  }
  return headers;
}

export function deadLetterHeaders(record: InboundRecord, failure: Failure, attempts: number, group: string, at: Date) {
  const headers: Record<string, string> = {
    ...record.headers,
    [Headers.Attempt]: String(attempts),
    [Headers.OriginalTopic]: record.topic,
    [Headers.OriginalPartition]: String(record.partition),
    [Headers.OriginalOffset]: record.offset,
    [Headers.ErrorCode]: failure.code,
    [Headers.ErrorMessage]: truncate(failure.message),
    [Headers.ParkedAt]: at.toISOString(),
    [Headers.ConsumerGroup]: group,
  };
  delete headers[Headers.NotBefore];
  delete headers[Headers.Held];
  return headers;
}

/** Reads a record of a retry topic back into the record it stands for. */
export function fromRetryRecord(partition: number, offset: string, key: string | null, value: Buffer | null, headers: Record<string, string>) {
  const record: InboundRecord = {
    topic: headers[Headers.OriginalTopic] ?? '',
    partition: Number(headers[Headers.OriginalPartition] ?? partition),
    offset: headers[Headers.OriginalOffset] ?? offset,
    key,
    value,
    headers,
  };
  return {
    record,
    failedAttempts: Number(headers[Headers.Attempt] ?? 0),
    notBefore: Number(headers[Headers.NotBefore] ?? 0),
  };
}

/** Reads a dead-letter record as kafkajs hands it over, for tests that read a dead-letter topic themselves. */
export function decodeDeadLetterRecord(key: Buffer | null, value: Buffer | null, rawHeaders: IHeaders | undefined): DeadLetter {
  return deadLetterOf(key ? key.toString() : null, value, headersToStrings(rawHeaders));
}

/** Error messages go into headers; a stack-sized one would only bloat every record. */
function truncate(message: string): string {
  return message.length > 2_000 ? `${message.slice(0, 2_000)}…` : message;
}
