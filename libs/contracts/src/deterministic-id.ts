import { createHash } from 'node:crypto';

/**
 * A UUID-shaped id derived from what identifies a fact (client, record, version), so a re-delivered webhook maps
 * to the same event id and is published once.
 */
export function deterministicEventId(...parts: ReadonlyArray<string | number>): string {
  const hex = createHash('sha256').update(parts.map(String).join('\u001f')).digest('hex');
  // Version 8 (custom) UUID layout: stable and recognisably not random.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
