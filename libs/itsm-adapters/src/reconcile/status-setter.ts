import type { ClientConfig } from '@bridge/clients-config';
import { clientStateOf, clientStatesFor } from '../client-states';
import type { ItsmDialect } from '../dialect';
import { parseItsmTime } from '../itsm-time';

/**
 * Whether a record's status ends it on the client's side (the client's `mapping.clientStates`, else the ITSM's
 * defaults). Only such a status needs to know who set it; where the record does not say (Zendesk, Freshservice),
 * asking costs a request of the client's budget, so only these records are asked about.
 */
export function endsOnClientSide(client: ClientConfig, dialect: Pick<ItsmDialect, 'clientStates'>, status: string | undefined, recordType?: string): boolean {
  return clientStateOf(clientStatesFor(client, dialect, recordType), status) !== undefined;
}

/**
 * The entries of a history (audits, activities) made at its latest time, in their order; none when no entry's time
 * reads. Several at one time are the caller's to tell apart: the vendors order their histories by their own rules.
 */
export function latestOf<T>(entries: readonly T[], timeOf: (entry: T) => unknown): T[] {
  const timed = entries.flatMap((entry) => {
    const time = typeof timeOf(entry) === 'string' ? parseItsmTime(timeOf(entry) as string)?.getTime() : undefined;
    return time === undefined ? [] : [{ entry, time }];
  });
  const latest = Math.max(...timed.map(({ time }) => time));
  return timed.filter(({ time }) => time === latest).map(({ entry }) => entry);
}
