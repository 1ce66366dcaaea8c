import type { ClientConfig } from '@bridge/clients-config';
import type { TicketState } from '@bridge/contracts';
import type { ItsmDialect } from './dialect';

/** An ITSM's status (code or name) → the client-side end of a ticket it stands for. */
export type ClientStateCodes = Readonly<Record<string, 'resolved' | 'closed' | 'canceled'>>;

/**
 * The client-side state an ITSM status stands for, from the client's `mapping.clientStates` or the adapter's
 * defaults. Own keys only: a status such as "constructor" or "toString" is no state, just an update to ignore.
 */
export function clientStateOf(states: Readonly<Record<string, string>>, status: string | undefined): TicketState | undefined {
  return status !== undefined && Object.hasOwn(states, status) ? (states[status] as TicketState) : undefined;
}

/** The statuses that end a record of this type on the client's side: the client's own mapping, else the ITSM's defaults. */
export function clientStatesFor(client: ClientConfig, dialect: Pick<ItsmDialect, 'clientStates'>, recordType: string | undefined): Readonly<Record<string, string>> {
  return client.mapping.clientStates ?? dialect.clientStates(recordType);
}
