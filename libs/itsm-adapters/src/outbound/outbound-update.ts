import { EventEnvelope, EventTypes, TicketStates, parseKey } from '@bridge/contracts';
import type { OutboundKind } from '@bridge/clients-config';

/** A Tangoe-side change as the client's ITSM will receive it: which kind of update, for which ticket, with what. */
export interface OutboundUpdate {
  kind: OutboundKind;
  clientId: string;
  externalSourceId: string;
  eventId: string;
  /** The text that goes with it: the interaction, or the last interaction on a state change. */
  text?: string;
  assignmentGroup?: string;
  changedAt: string;
}

const KIND_OF_STATE: Partial<Record<string, OutboundKind>> = {
  [TicketStates.Closed]: 'close',
  [TicketStates.Canceled]: 'cancel',
  [TicketStates.Reassigned]: 'reassign',
  [TicketStates.ExternallyQueued]: 'externally_queued',
  [TicketStates.AwaitingCustomerResponse]: 'awaiting_customer_response',
};

/** Which update a Tangoe-side event asks for; undefined when it asks for none (client-side events, activities). */
export function updateFor(event: EventEnvelope): OutboundUpdate | undefined {
  if (event.type === EventTypes.TicketOpened) return undefined;
  if (event.data.origin !== 'tangoe') return undefined;
  const key = parseKey(event.subject);
  if (key.kind !== 'ticket') return undefined;
  const base = { clientId: key.clientId, externalSourceId: key.externalSourceId, eventId: event.id };
  if (event.type === EventTypes.CommentAdded) return { ...base, kind: 'note', text: event.data.text, changedAt: event.data.createdAt };
  const kind = KIND_OF_STATE[event.data.state];
  if (!kind) return undefined;
  return { ...base, kind, text: event.data.note, assignmentGroup: event.data.assignmentGroup, changedAt: event.data.changedAt };
}
