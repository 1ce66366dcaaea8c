import type { ClientConfig } from '@bridge/clients-config';
import { parseItsmTime } from '../itsm-time';

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
 * How far the ITSM's clock may be behind the bridge's (and how much its timestamps round down: ServiceNow's have
 * whole seconds) when an entry's creation time is compared with when a send began.
 */
export const ITSM_CLOCK_TOLERANCE_MS = 2_000;

/** A journal entry (work note, comment, note, work log) as an adapter reads it back. */
export interface JournalEntry {
  author: unknown;
  text: string;
  /** When the ITSM says it was written, in its API's format. */
  createdAt: unknown;
}

/**
 * Whether the bridge wrote `text` to the record: at any time (a close carries the request's last interaction, which
 * the bridge already wrote as a note: it is not written twice), or since `since`, when an earlier attempt of the
 * same delivery began. That time bound is what makes the text a proof that the attempt arrived: the same words
 * written by an earlier delivery (Tangoe's "Awaiting Customer Response" a second time in a ticket's life) are older,
 * and a write that landed is found even after the caller changed the record again (the fault suite saw a status
 * written a second time over the caller's cancel when the record's fields, not the entry, decided). An entry whose
 * time cannot be read counts: a duplicate is the harm this check exists to prevent.
 */
export function bridgeWrote(entries: JournalEntry[], text: string, client: ClientConfig, since?: Date): boolean {
  const from = since ? since.getTime() - ITSM_CLOCK_TOLERANCE_MS : -Infinity;
  return entries.some((entry) => {
    if (!writtenByBridge(entry.author, client) || entry.text !== text) return false;
    const created = parseItsmTime(String(entry.createdAt ?? ''));
    return created === undefined || created.getTime() >= from;
  });
}
