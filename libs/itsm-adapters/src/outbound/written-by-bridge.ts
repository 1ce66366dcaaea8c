import type { ClientConfig } from '@bridge/clients-config';

/**
 * Whether a comment, note or work log found at the ITSM is one the bridge wrote: its author is the client's
 * `outbound.integrationUser` (required for an ITSM target). Only the bridge's own entries count: a close carries the
 * request's last interaction, which may be the caller's own comment, and taking that for the bridge's would leave
 * the close note out.
 */
export function writtenByBridge(author: unknown, client: ClientConfig): boolean {
  const bridge = client.outbound?.integrationUser;
  return bridge !== undefined && String(author ?? '') === bridge;
}

/**
 * How far the ITSM's clock may be behind or ahead of the bridge's (and how much its timestamps round down:
 * ServiceNow's have whole seconds) when an entry's creation time is compared with when a send began.
 */
export const ITSM_CLOCK_TOLERANCE_MS = 2_000;

/** A journal entry (work note, comment, note, work log) as an adapter reads it back. */
export interface JournalEntry {
  author: unknown;
  /** Its text, or the readings of it that may match (a Helix work log as stored and as rich text read as text). */
  text: string | readonly string[];
  /** When the ITSM says it was written, in its API's format. */
  createdAt: unknown;
}

export function readsAs(entry: JournalEntry, text: string): boolean {
  return typeof entry.text === 'string' ? entry.text === text : entry.text.includes(text);
}

/**
 * Whether the bridge ever wrote `text` to the record: a close, cancel or reassign carries the request's last
 * interaction, already sent as a note, and is not written twice. Whether an earlier attempt of a delivery arrived
 * is another question, answered by `entryProof` (earlier-attempt.ts).
 */
export function bridgeWrote(entries: readonly JournalEntry[], text: string, client: ClientConfig): boolean {
  return entries.some((entry) => writtenByBridge(entry.author, client) && readsAs(entry, text));
}
