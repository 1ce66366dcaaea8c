import type { AxiosResponse } from 'axios';
import { ItsmAdapterError } from '../itsm-adapter.error';
import type { SendResult } from './outbound-adapter';
import { sendResultOf } from './send-result';

/**
 * A search for a record at the ITSM. `id` undefined means the ITSM answered and holds none; `failed` is an answer
 * that says neither (a 503, a 429, a refused login), which a caller passes on as the send's outcome, so its status
 * and Retry-After decide the retry. Reading a failed search as "no record" would park a mirror update as a 404
 * during a 503 storm, and create a mirrored record a second time after a create whose answer was lost.
 */
export type RecordLookup = { id: string | undefined; failed?: undefined } | { failed: SendResult };

export function recordLookupOf(response: AxiosResponse, idOf: (data: unknown) => string | number | undefined): RecordLookup {
  if (response.status !== 200) return { failed: sendResultOf(response) };
  const id = idOf(response.data);
  return { id: id === undefined || id === null ? undefined : String(id) };
}

/**
 * Thrown by `alreadyApplied` when the ITSM's answer cannot say whether an earlier attempt reached it. The notifier
 * then asks again later rather than send again: sending on a guess is how a note ends up written twice.
 */
export class UndecidedCheck extends ItsmAdapterError<'undecided_check'> {
  constructor(readonly answer: SendResult) {
    super('undecided_check', `the ITSM could not say whether an earlier attempt reached it: HTTP ${answer.status}`, { retriable: true });
  }
}

/** Whether the searched record exists, for `alreadyApplied`: a failed search decides nothing. */
export function existsOrUndecided(lookup: RecordLookup): boolean {
  if (lookup.failed) throw new UndecidedCheck(lookup.failed);
  return lookup.id !== undefined;
}

/** An update's record as a send names it: by its number, or (a mirror) by what a search finds. */
export type RecordId = string | { failed?: SendResult };

/** The record's id: its number, or the id `search` finds; `failed` when the search could not say, `{}` when it found none. */
export async function recordIdOf(update: { recordNumber: string; lookupField?: string }, search: () => Promise<RecordLookup>): Promise<RecordId> {
  if (!update.lookupField) return update.recordNumber;
  const found = await search();
  if (found.failed) return { failed: found.failed };
  return found.id ?? {};
}

/** The same for `alreadyApplied`: undefined when there is no such record (nothing applied), an `UndecidedCheck` when the search could not say. */
export async function recordIdToCheck(update: { recordNumber: string; lookupField?: string }, search: () => Promise<RecordLookup>): Promise<string | undefined> {
  const id = await recordIdOf(update, search);
  if (typeof id === 'string') return id;
  if (id.failed) throw new UndecidedCheck(id.failed);
  return undefined;
}
