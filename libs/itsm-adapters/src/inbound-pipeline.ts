import { EventEnvelope, EventTypes } from '@bridge/contracts';
import { clientStateOf, clientStatesFor } from './client-states';
import type { InboundReading, ItsmDialect } from './dialect';
import { htmlToText } from './html-text';
import { InboundOrigin, clientStateChanged, commentAdded, ticketOpened } from './inbound-events';
import type { NormalizeContext, NormalizeResult } from './itsm-adapter';
import { toIsoTime } from './itsm-time';
import { matchesRouting } from './routing';
import { TicketFactName, readTicketFacts } from './support-request-mapper';

/**
 * The one way an ITSM payload becomes events, whatever the ITSM and whatever the shape (webhook or API record):
 * the dialect reads it, then the client's routing rules, the bridge's own writes (echoes), the client's mapping and
 * the events' ids are applied here alike. A routed record always yields its `TicketOpened` first (one id per record,
 * so it is published once), then its comments, then a status that ends it on the client's side.
 */
export function normalizeWith(itsm: string, dialect: ItsmDialect, payload: unknown, context: NormalizeContext): NormalizeResult {
  const reading = dialect.read(payload, context.deliveryId);
  if ('nothingToSync' in reading) return { kind: 'ignored', reason: reading.nothingToSync };
  return normalizeReading(itsm, dialect, reading, context);
}

/** A reading, whatever it was read from (a webhook, an API record with its comments), into events. */
export function normalizeReading(itsm: string, dialect: ItsmDialect, reading: InboundReading, { client, receivedAt }: NormalizeContext): NormalizeResult {
  const { record } = reading;
  if (!matchesRouting(client.routing, record.read)) return { kind: 'ignored', reason: `${record.label} does not match the routing rules of client ${client.id}` };
  const bridgeUser = client.outbound?.integrationUser;
  const echo = bridgeUser ? echoOf(reading, bridgeUser) : undefined;
  if (echo) return { kind: 'ignored', reason: echo };

  const origin: InboundOrigin = { client, itsm, receivedAt };
  const fieldPath = (name: TicketFactName) => client.mapping.fields?.[name] ?? dialect.defaultFields[name];
  const facts = readTicketFacts(
    record.key,
    (name) => {
      const value = record.read(fieldPath(name));
      return value && dialect.htmlFacts?.includes(name) ? htmlToText(value) : value;
    },
    (name) => record.pathOf(fieldPath(name)),
    client.mapping.fallbacks,
  );
  const events: EventEnvelope[] = [
    ticketOpened(origin, record.key, { facts, recordType: record.recordType, openedAt: toIsoTime(record.openedAt, receivedAt) }, [...record.idParts, EventTypes.TicketOpened]),
  ];

  for (const comment of reading.comments) {
    if (bridgeUser && comment.authorId === bridgeUser) continue;
    const { idParts, authorId: _authorId, createdAt, ...rest } = comment;
    events.push(commentAdded(origin, record.key, { ...rest, createdAt: toIsoTime(createdAt, receivedAt) }, idParts));
  }

  const stateEvent = clientStateEvent(origin, dialect, reading, bridgeUser);
  if (stateEvent) events.push(stateEvent);
  return { kind: 'events', events, record: { key: record.key, id: record.idParts[0], recordType: record.recordType } };
}

function clientStateEvent(origin: InboundOrigin, dialect: ItsmDialect, { change, record, status }: InboundReading, bridgeUser: string | undefined): EventEnvelope | undefined {
  if (!status || change === 'created' || change === 'commented') return undefined;
  // A record read shows the bridge's own close as its status: that is Tangoe's close written back, not the client's.
  // A read that cannot tell who set the status (a Zendesk ticket without the audit, a Freshservice ticket without the
  // activity that set it) is no client close either: taken for one, Tangoe's own close read back would go to Tangoe
  // again, its note with it.
  // (Only reads say who set a status; a webhook's change is its actor's, whose echo was dropped before.)
  if (change === 'read' && (status.by === undefined || status.by === bridgeUser)) return undefined;
  const state = clientStateOf(clientStatesFor(origin.client, dialect, record.recordType), status.value);
  if (!state) return undefined;
  return clientStateChanged(
    origin,
    record.key,
    // A read cannot tell whose the close notes are (Tangoe's, written back with its close, or the client's): only a
    // webhook's change carries them.
    { state, changedAt: toIsoTime(status.changedAt, origin.receivedAt), changeId: status.changeId, note: change === 'read' ? undefined : status.note },
    status.idParts,
  );
}

/**
 * The ITSM fires its webhooks for the bridge's own writes too. What the bridge's integration user did (a comment it
 * wrote, an update it made, a record it created: a mirrored order) is its own write coming back: dropped, or it
 * would loop, and a mirrored order would become a support request. Of a record read, only what someone else wrote
 * counts (comments and status are filtered one by one).
 */
function echoOf(reading: InboundReading, bridgeUser: string): string | undefined {
  const label = reading.record.label;
  if (reading.createdBy === bridgeUser && (reading.change === 'created' || reading.change === 'read')) return `echo: ${label} was created by the bridge itself (${bridgeUser})`;
  const ownComment = reading.change === 'commented' && reading.comments.length > 0 && reading.comments.every((comment) => comment.authorId === bridgeUser);
  if (reading.actor !== bridgeUser && !ownComment) return undefined;
  const what = reading.change === 'commented' ? 'commented on' : reading.change;
  return `echo: ${label} was ${what} by the bridge itself (${bridgeUser})`;
}
