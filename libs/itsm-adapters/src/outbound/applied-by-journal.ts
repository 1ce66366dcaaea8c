import type { ClientConfig } from '@bridge/clients-config';
import { EarlierAttempt, JournalRules, entryProof } from './earlier-attempt';
import type { RenderedUpdate, SendResult } from './outbound-adapter';
import { RecordLookup, UndecidedCheck, existsOrUndecided, recordIdToCheck } from './record-lookup';
import type { JournalEntry } from './written-by-bridge';

/** How `appliedByJournal` reads one adapter's record: each answer that cannot say is passed on as it came. */
export interface JournalRecord {
  /** Where the update's text is and whether a repeat is left out (`entryProof`). */
  journal: JournalRules;
  /** The search that finds a mirrored activity's record, and a create's. */
  search(): Promise<RecordLookup>;
  /** The record's journal entries (comments, notes), newest ones at least. */
  entriesOf(id: string): Promise<JournalEntry[] | SendResult>;
  /** Whether the record holds every field the update sets. */
  holdsFields(id: string): Promise<boolean | SendResult>;
}

/**
 * `alreadyApplied` of an adapter whose update writes its journal entry with its fields or after them (ADR 15): a create
 * is there when its record is; an update with no entry cannot tell this send from another (not there: sent again);
 * one with an entry is there when the entry proves it (`entryProof`), or, its text being the bridge's already and so
 * not written, when the record holds the update's fields. An answer that cannot say throws an `UndecidedCheck`.
 */
export async function appliedByJournal(update: RenderedUpdate, client: ClientConfig, earlier: EarlierAttempt, record: JournalRecord): Promise<boolean> {
  if (update.create) return existsOrUndecided(await record.search());
  if (record.journal.textOf(update) === undefined) return false;
  const id = await recordIdToCheck(update, () => record.search());
  if (id === undefined) return false;
  const entries = await record.entriesOf(id);
  if (!Array.isArray(entries)) throw new UndecidedCheck(entries);
  const proved = entryProof(record.journal, entries, update, client, earlier);
  if (proved !== undefined) return proved;
  const held = await record.holdsFields(id);
  if (typeof held !== 'boolean') throw new UndecidedCheck(held);
  return held;
}
