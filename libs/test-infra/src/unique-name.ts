import { randomBytes } from 'node:crypto';

/** A fresh name per test for topics, groups and schemas, valid for Kafka and as a PostgreSQL identifier. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`.toLowerCase();
}
