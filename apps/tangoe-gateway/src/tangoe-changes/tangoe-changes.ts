import { EventEnvelope, EventTypes, Origin, TICKET_STATE_VALUES, TicketState, createEvent, deterministicEventId } from '@bridge/contracts';
import type { TangoeSupportRequest } from '@bridge/tangoe-client';

export interface SeenState {
  clientId: string;
  externalSourceId: string;
  tangoeState: string | null;
  lastInteractionId: number | null;
  /** Interactions the bridge itself sent: never news for the client. */
  sentByBridge: ReadonlySet<number>;
}

/**
 * What changed at Tangoe since a ticket was last seen, as events: new interactions first (oldest first), then the
 * state change, which carries the last interaction's text. Ids are derived from Tangoe's own ids and times, so the
 * same change seen twice (or pushed and polled) is the same event, whatever its way in.
 */
export function changesOf(request: TangoeSupportRequest, seen: SeenState, source: string): EventEnvelope[] {
  const events: EventEnvelope[] = [];
  const fresh = request.interactions
    .filter((interaction) => interaction.id > (seen.lastInteractionId ?? 0) && !seen.sentByBridge.has(interaction.id))
    .sort((a, b) => a.id - b.id);
  for (const interaction of fresh) {
    events.push(
      createEvent(
        EventTypes.CommentAdded,
        {
          clientId: seen.clientId,
          externalSourceId: seen.externalSourceId,
          origin: Origin.Tangoe,
          commentId: String(interaction.id),
          text: interaction.text,
          author: [interaction.person?.name_first, interaction.person?.name_last].filter(Boolean).join(' ') || undefined,
          visibility: 'public',
          createdAt: new Date(interaction.created_at).toISOString(),
        },
        { source, id: tangoeInteractionEventId(seen.clientId, interaction.id) },
      ),
    );
  }
  if (request.state !== seen.tangoeState) {
    const change = tangoeStateChangeOf(request, seen, source);
    if (change) events.push(change);
  }
  return events;
}

/**
 * The request's state as it is now, as a Tangoe-side state change carrying the last interaction's text (undefined
 * for a state the bridge does not know). Its id is the change's own, from Tangoe's id, state and time, unless `id`
 * is given: a drift repair that sends the same change again under an id of its own, which the poll's cannot take.
 */
export function tangoeStateChangeOf(
  request: TangoeSupportRequest,
  ticket: { clientId: string; externalSourceId: string },
  source: string,
  id?: (changedAt: string) => string,
): EventEnvelope<'StateChanged'> | undefined {
  if (!(TICKET_STATE_VALUES as readonly string[]).includes(request.state)) return undefined;
  const changedAt = new Date(request.updated_at).toISOString();
  return createEvent(
    EventTypes.StateChanged,
    {
      clientId: ticket.clientId,
      subjectKind: 'ticket',
      externalSourceId: ticket.externalSourceId,
      origin: Origin.Tangoe,
      state: request.state as TicketState,
      changedAt,
      changeId: `${request.id}:${request.state}:${changedAt}`,
      assignmentGroup: request.assignment_group ?? undefined,
      note: request.interactions.at(-1)?.text,
    },
    { source, id: id ? id(changedAt) : deterministicEventId(ticket.clientId, 'tangoe-state', request.id, request.state, changedAt) },
  );
}

/** An interaction is one event however the bridge learns of it. */
export function tangoeInteractionEventId(clientId: string, interactionId: number): string {
  return deterministicEventId(clientId, 'tangoe-interaction', interactionId);
}
