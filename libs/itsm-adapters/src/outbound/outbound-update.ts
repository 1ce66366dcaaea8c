import { ActivityDetails, ActivityState, EventEnvelope, EventTypes, Origin, TicketStates, keyWithinClient, parseKey } from '@bridge/contracts';
import type { OutboundKind } from '@bridge/clients-config';

/** A Tangoe-side change as the client's ITSM will receive it: which kind of update, for which ticket, with what. */
export interface OutboundUpdate {
  kind: OutboundKind;
  clientId: string;
  /** The ticket's external id, or `activity:{id}` for an activity: what the client's updates are lined up by. */
  externalSourceId: string;
  eventId: string;
  /** The text that goes with it: the interaction, or the last interaction on a state change. */
  text?: string;
  assignmentGroup?: string;
  changedAt: string;
  /** An activity's change: its id, new state and details (seed 001's completion template). */
  activity?: { id: string; state: ActivityState; details: ActivityDetails };
}

const KIND_OF_STATE: Partial<Record<string, OutboundKind>> = {
  [TicketStates.Closed]: 'close',
  [TicketStates.Canceled]: 'cancel',
  [TicketStates.Reassigned]: 'reassign',
  [TicketStates.ExternallyQueued]: 'externally_queued',
  [TicketStates.AwaitingCustomerResponse]: 'awaiting_customer_response',
};

/** Which update a Tangoe-side event asks for; undefined when it asks for none (client-side events, unread pushes). */
export function updateFor(event: EventEnvelope): OutboundUpdate | undefined {
  // A Tangoe push not yet read by the gateway asks for nothing either: the events the gateway reads from it do.
  if (event.type === EventTypes.TicketOpened || event.type === EventTypes.TangoePushReceived) return undefined;
  if (event.data.origin !== Origin.Tangoe) return undefined;
  const key = parseKey(event.subject);
  const base = { clientId: key.clientId, externalSourceId: keyWithinClient(event.subject), eventId: event.id };
  if (key.kind === 'activity') {
    if (event.type !== EventTypes.StateChanged) return undefined;
    const state = event.data.state as ActivityState;
    return { ...base, kind: `activity_${state}`, changedAt: event.data.changedAt, activity: { id: key.activityId, state, details: event.data.activity ?? {} } };
  }
  if (event.type === EventTypes.CommentAdded) return { ...base, kind: 'note', text: event.data.text, changedAt: event.data.createdAt };
  const kind = KIND_OF_STATE[event.data.state];
  if (!kind) return undefined;
  return { ...base, kind, text: event.data.note, assignmentGroup: event.data.assignmentGroup, changedAt: event.data.changedAt };
}
