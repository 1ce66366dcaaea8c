import type { TangoePush, TangoeSupportRequest } from '@bridge/tangoe-client';

/** The support request as the push shows it: its state, its time and every interaction. */
export function pushedRequest(push: TangoePush): TangoeSupportRequest {
  return push.support_request as unknown as TangoeSupportRequest;
}

/**
 * What a push takes as already seen, when the gateway has no notes of its own on the ticket (not linked here): the
 * first interaction (the ticket's own text) and, for an interaction push, the request's state. So it stands for every
 * later interaction, oldest first, and for a state or reassignment push its state after them. Tangoe sends its
 * pushes concurrently, so a later one may overtake an earlier one: a state push carrying the interactions before it
 * keeps the ticket's notes and states in Tangoe's order whichever arrives first, and the ids (the ones the poll
 * gives the same change) make the repeats no-ops.
 */
export function pushedBaseline(push: TangoePush): { tangoeState: string | null; lastInteractionId: number } {
  const opening = Math.min(...push.support_request.interactions.map((interaction) => interaction.id));
  return { tangoeState: push.event === 'support_request.interaction_created' ? push.support_request.state : null, lastInteractionId: opening };
}
