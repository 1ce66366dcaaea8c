import { EventEnvelope, EventTypes, Origin, TicketState, createEvent, deterministicEventId } from '@bridge/contracts';
import type { ClientConfig } from '@bridge/clients-config';
import { TicketFacts, mapSupportRequest } from './support-request-mapper';

/** Who the events come from: the client, its adapter, when the webhook arrived. */
export interface InboundOrigin {
  client: ClientConfig;
  itsm: string;
  receivedAt: Date;
}

/**
 * The three events an adapter makes of a webhook, built alike for every ITSM. `idParts` name the fact in the
 * ITSM's own ids (record, comment, version): the same webhook twice gives the same event id, published once.
 */
export function ticketOpened(origin: InboundOrigin, key: string, ticket: { facts: TicketFacts; recordType?: string; openedAt: string }, idParts: ReadonlyArray<string | number>): EventEnvelope {
  const { client, itsm, receivedAt } = origin;
  return createEvent(
    EventTypes.TicketOpened,
    {
      clientId: client.id,
      externalSourceId: key,
      itsm,
      recordType: ticket.recordType,
      title: ticket.facts.title,
      description: ticket.facts.description,
      openedAt: ticket.openedAt,
      supportRequest: mapSupportRequest(ticket.facts, client.mapping),
      ...(ticket.facts.fallbacksUsed ? { fallbacksUsed: ticket.facts.fallbacksUsed } : {}),
    },
    { source: sourceOf(itsm), id: deterministicEventId(client.id, itsm, ...idParts), time: receivedAt },
  );
}

export function commentAdded(
  origin: InboundOrigin,
  key: string,
  comment: { commentId: string; text: string; author?: string; visibility: 'public' | 'internal'; createdAt: string },
  idParts: ReadonlyArray<string | number>,
): EventEnvelope {
  const { client, itsm, receivedAt } = origin;
  return createEvent(
    EventTypes.CommentAdded,
    { clientId: client.id, externalSourceId: key, origin: Origin.Client, ...comment },
    { source: sourceOf(itsm), id: deterministicEventId(client.id, itsm, ...idParts), time: receivedAt },
  );
}

export function clientStateChanged(
  origin: InboundOrigin,
  key: string,
  change: { state: TicketState; changedAt: string; changeId: string; note?: string },
  idParts: ReadonlyArray<string | number>,
): EventEnvelope {
  const { client, itsm, receivedAt } = origin;
  return createEvent(
    EventTypes.StateChanged,
    { clientId: client.id, subjectKind: 'ticket', externalSourceId: key, origin: Origin.Client, ...change },
    { source: sourceOf(itsm), id: deterministicEventId(client.id, itsm, ...idParts), time: receivedAt },
  );
}

function sourceOf(itsm: string): string {
  return `bridge/ingress/${itsm}`;
}
