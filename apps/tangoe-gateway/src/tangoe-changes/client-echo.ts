import { TicketStates } from '@bridge/contracts';

/** The states a client may set at Tangoe (its support request's state change call, docs/adr/0006). */
export type TangoeClientState = 'canceled' | 'closed';

/**
 * What a client-side state becomes at Tangoe: a cancel cancels, a resolution or a close closes, the rest has no
 * counterpart. The gateway makes the call with it, and notes it, so that state coming back from Tangoe (pushed or
 * polled) is known for the client's own change, not news to send the client.
 */
export function tangoeStateForClient(state: string): TangoeClientState | undefined {
  if (state === TicketStates.Canceled) return 'canceled';
  if (state === TicketStates.Closed || state === TicketStates.Resolved) return 'closed';
  return undefined;
}

/**
 * A client comment as it is recognised when Tangoe lists or pushes it back as an interaction: whitespace
 * differences do not make a different comment.
 */
export function commentKey(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}
