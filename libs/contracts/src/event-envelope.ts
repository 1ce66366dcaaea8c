import { randomUUID } from 'node:crypto';
import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { EventValidationError } from './contract-errors';
import { EVENT_DEFINITIONS, EVENT_TYPE_NAMES, EventType, EventTypes, PayloadOf, isEventType } from './event-definitions';
import { Origin } from './origin';
import { activityKey, ticketKey } from './ticket-key';

export const SPEC_VERSION = '1.0';

interface EnvelopeFields {
  /** Unique per event: consumers de-duplicate on it. */
  id: string;
  /** Who produced it, e.g. "bridge/ingress/servicenow". */
  source: string;
  specversion: typeof SPEC_VERSION;
  time: string;
  /** The ticket or activity key; also the Kafka record key. */
  subject: string;
  dataversion: number;
}

/** A CloudEvents-style envelope; `type` narrows `data`. */
export type EventEnvelope<T extends EventType = EventType> = {
  [K in T]: EnvelopeFields & { type: K; data: PayloadOf<K> };
}[T];

/** The key an event's data says it belongs to. `subject` must equal it. */
export function subjectOf<T extends EventType>(type: T, data: PayloadOf<T>): string {
  if (type === EventTypes.StateChanged) {
    const change = data as PayloadOf<'StateChanged'>;
    return change.subjectKind === 'activity'
      ? activityKey(change.clientId, change.activityId ?? '')
      : ticketKey(change.clientId, change.externalSourceId ?? '');
  }
  if (type === EventTypes.TangoePushReceived) {
    const push = data as PayloadOf<'TangoePushReceived'>;
    return push.kind === 'activity' ? activityKey(push.clientId, push.activityId ?? '') : ticketKey(push.clientId, push.externalSourceId ?? '');
  }
  const ticket = data as PayloadOf<'TicketOpened' | 'CommentAdded'>;
  return ticketKey(ticket.clientId, ticket.externalSourceId);
}

/** The side an event comes from: the one its type allows, or the one its data names. */
export function originOf(event: EventEnvelope): Origin {
  return 'origin' in event.data ? event.data.origin : EVENT_DEFINITIONS[event.type].origins[0];
}

export interface NewEventOptions {
  source: string;
  /** Pass a deterministic id when the same input must always yield the same event (de-duplication). */
  id?: string;
  time?: Date;
}

/** Builds and validates an event; throws `EventValidationError` naming the field when the data is wrong. */
export function createEvent<T extends EventType>(type: T, data: PayloadOf<T>, options: NewEventOptions): EventEnvelope<T> {
  let subject: string;
  try {
    subject = subjectOf(type, data);
  } catch (error) {
    throw new EventValidationError(type, ['subject'], [`subject cannot be derived: ${(error as Error).message}`]);
  }
  const envelope = {
    id: options.id ?? randomUUID(),
    source: options.source,
    type,
    specversion: SPEC_VERSION,
    time: (options.time ?? new Date()).toISOString(),
    subject,
    dataversion: EVENT_DEFINITIONS[type].dataVersion,
    data,
  };
  return validateEvent(envelope) as EventEnvelope<T>;
}

const ENVELOPE_KEYS = ['id', 'source', 'type', 'specversion', 'time', 'subject', 'dataversion', 'data'] as const;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const MAX_ID_LENGTH = 255;

/**
 * Validates an event as it is produced or consumed: the envelope, the data body of its type and version (no
 * unknown property anywhere), and that `subject` is the key its data names. Returns a typed copy whose data is an
 * instance of its class; throws `EventValidationError` listing every offending field.
 */
export function validateEvent(raw: unknown): EventEnvelope {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new EventValidationError('unknown', ['(root)'], ['an event must be a JSON object']);
  }
  const candidate = raw as Record<string, unknown>;
  const type = typeof candidate.type === 'string' ? candidate.type : 'unknown';
  const problems: string[] = [];
  const fields: string[] = [];
  const fail = (field: string, problem: string) => {
    fields.push(field);
    problems.push(`${field} ${problem}`);
  };

  for (const key of Object.keys(candidate)) {
    if (!(ENVELOPE_KEYS as readonly string[]).includes(key)) fail(key, 'is not an envelope field');
  }
  if (!nonEmptyString(candidate.id, MAX_ID_LENGTH)) fail('id', 'must be a non-empty string');
  if (!nonEmptyString(candidate.source, MAX_ID_LENGTH)) fail('source', 'must be a non-empty string');
  if (!isEventType(candidate.type)) {
    fail('type', `must be one of ${EVENT_TYPE_NAMES.join(', ')}`);
  }
  if (candidate.specversion !== SPEC_VERSION) fail('specversion', `must be "${SPEC_VERSION}"`);
  if (typeof candidate.time !== 'string' || !ISO_TIME.test(candidate.time) || Number.isNaN(Date.parse(candidate.time))) {
    fail('time', 'must be an ISO 8601 date-time with a zone');
  }
  if (!nonEmptyString(candidate.subject, 2 * MAX_ID_LENGTH)) fail('subject', 'must be a non-empty string');

  const knownType = isEventType(candidate.type) ? candidate.type : undefined;
  const definition = knownType ? EVENT_DEFINITIONS[knownType] : undefined;
  if (definition && candidate.dataversion !== definition.dataVersion) {
    fail('dataversion', `must be ${definition.dataVersion} for ${knownType}`);
  }

  let data: object | undefined;
  if (candidate.data === null || typeof candidate.data !== 'object' || Array.isArray(candidate.data)) {
    fail('data', 'must be an object');
  } else if (definition) {
    data = plainToInstance<object, unknown>(definition.dataClass, candidate.data);
    const errors = validateSync(data, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
    for (const [path, message] of flattenErrors(errors, 'data')) fail(path, message);
  }

  if (problems.length === 0 && knownType && data) {
    let expected: string | undefined;
    try {
      expected = subjectOf(knownType, data as PayloadOf<typeof knownType>);
    } catch (error) {
      fail('data.clientId', (error as Error).message);
    }
    if (expected !== undefined && expected !== candidate.subject) {
      fail('subject', `must be the key its data names ("${expected}")`);
    }
  }

  if (problems.length > 0) throw new EventValidationError(type, fields, problems);
  return { ...(candidate as unknown as EventEnvelope), data } as EventEnvelope;
}

function nonEmptyString(value: unknown, maxLength: number): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= maxLength;
}

function flattenErrors(errors: ValidationError[], prefix: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const error of errors) {
    const path = `${prefix}.${error.property}`;
    for (const message of Object.values(error.constraints ?? {})) {
      // class-validator starts its messages with the bare property name; the path says more.
      out.push([path, message.startsWith(`${error.property} `) ? message.slice(error.property.length + 1) : message]);
    }
    out.push(...flattenErrors(error.children ?? [], path));
  }
  return out;
}
