import { type EventEnvelope, Origin } from '@bridge/contracts';
import type { TangoeSupportRequest } from '@bridge/tangoe-client';

/**
 * The thread of a request Tangoe already had when an onboarded ticket was linked to it (ADR 18): its interactions'
 * texts, and when the link was made.
 */
export interface EarlierThread {
  linkedAt: string;
  texts: string[];
}

export function earlierThreadOf(request: TangoeSupportRequest, linkedAt: Date): EarlierThread {
  return { linkedAt: linkedAt.toISOString(), texts: request.interactions.map((interaction) => interaction.text) };
}

/**
 * Whether a client comment on a ticket linked to a request Tangoe already had is one the client's earlier bridge
 * sent: written at the ITSM before the link, and found in the request's thread as it was then (inside a longer
 * interaction too: an earlier bridge may have prefixed it). Such a comment is not sent again; one written after
 * the link, or one the thread does not hold, is sent, whenever and however it arrives (with the ticket, by a later
 * webhook, by reconciliation).
 */
export function sentByEarlierBridge(thread: EarlierThread | null, event: EventEnvelope): boolean {
  if (!thread || event.type !== 'CommentAdded') return false;
  const comment = event as EventEnvelope<'CommentAdded'>;
  if (comment.data.origin !== Origin.Client || !(Date.parse(comment.data.createdAt) <= Date.parse(thread.linkedAt))) return false;
  const text = normalized(comment.data.text);
  return text !== '' && thread.texts.some((interaction) => normalized(interaction).includes(text));
}

function normalized(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
