import { EventEnvelope, EventTypes, TICKET_STATE_VALUES, TicketState, createEvent, deterministicEventId } from '@bridge/contracts';
import type { TangoeSupportRequest } from './tangoe-types';


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
 * same change seen twice (or pushed and polled) is the same event. Shared by the gateway's poll and the ingress's
 * handling of Tangoe's pushes.
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
          origin: 'tangoe',
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
  if (request.state !== seen.tangoeState && (TICKET_STATE_VALUES as readonly string[]).includes(request.state)) {
    const changedAt = new Date(request.updated_at).toISOString();
    events.push(
      createEvent(
        EventTypes.StateChanged,
        {
          clientId: seen.clientId,
          subjectKind: 'ticket',
          externalSourceId: seen.externalSourceId,
          origin: 'tangoe',
          state: request.state as TicketState,
          changedAt,
          changeId: `${request.id}:${request.state}:${changedAt}`,
          assignmentGroup: request.assignment_group ?? undefined,
          note: request.interactions.at(-1)?.text,
        },
        { source, id: deterministicEventId(seen.clientId, 'tangoe-state', request.id, request.state, changedAt) },
      ),
    );
  }
  return events;
}

/** Shared with Tangoe's push path: an interaction is one event however the bridge learns of it. */
export function tangoeInteractionEventId(clientId: string, interactionId: number): string {
  return deterministicEventId(clientId, 'tangoe-interaction', interactionId);
}
