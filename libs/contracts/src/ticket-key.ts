/**
 * The partition key of every event: all events about one ticket (or one activity) share it, so they land on one
 * partition and consumers see them in order. This is the only place the key format is defined.
 */
const SEPARATOR = ':';
const ACTIVITY_MARKER = 'activity';

/** Client ids are configuration identifiers: a separator inside one would make keys ambiguous. */
const CLIENT_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;

export function isValidClientId(clientId: string): boolean {
  return CLIENT_ID_PATTERN.test(clientId);
}

function assertClientId(clientId: string): void {
  if (!isValidClientId(clientId)) {
    throw new TypeError(
      `clientId "${clientId}" is invalid: use 1-63 lower-case letters, digits, "-" or "_", starting with a letter or digit`,
    );
  }
}

/** No ITSM numbers a record with control characters; PostgreSQL refuses NUL in text, where keys are stored. */
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

function assertPart(name: string, value: string): void {
  if (value.length === 0) throw new TypeError(`${name} must not be empty`);
  if (CONTROL_CHARACTERS.test(value)) throw new TypeError(`${name} must not contain control characters`);
}

export function ticketKey(clientId: string, externalSourceId: string): string {
  assertClientId(clientId);
  assertPart('externalSourceId', externalSourceId);
  return `${clientId}${SEPARATOR}${externalSourceId}`;
}

export function activityKey(clientId: string, activityId: string | number): string {
  assertClientId(clientId);
  const id = String(activityId);
  assertPart('activityId', id);
  return `${clientId}${SEPARATOR}${ACTIVITY_MARKER}${SEPARATOR}${id}`;
}

export type ParsedKey =
  | { kind: 'ticket'; clientId: string; externalSourceId: string }
  | { kind: 'activity'; clientId: string; activityId: string };

/**
 * Splits a key back into its parts. The client id never contains the separator, so the first separator ends it;
 * the external id may contain anything (ServiceNow numbers don't, other ITSMs' ids might).
 */
export function parseKey(key: string): ParsedKey {
  const first = key.indexOf(SEPARATOR);
  if (first <= 0) throw new TypeError(`"${key}" is not a ticket or activity key`);
  const clientId = key.slice(0, first);
  assertClientId(clientId);
  const rest = key.slice(first + 1);
  const activityPrefix = `${ACTIVITY_MARKER}${SEPARATOR}`;
  if (rest.startsWith(activityPrefix) && rest.length > activityPrefix.length) {
    return { kind: 'activity', clientId, activityId: rest.slice(activityPrefix.length) };
  }
  assertPart('externalSourceId', rest);
  return { kind: 'ticket', clientId, externalSourceId: rest };
}

/**
 * A key without its client: the ticket's external id, or `activity:{id}`. What a client's records are lined up by
 * (the notifier's per-ticket order), unique within the client.
 */
export function keyWithinClient(key: string): string {
  const parsed = parseKey(key);
  return key.slice(parsed.clientId.length + SEPARATOR.length);
}
