import { CommentAddedData, EventEnvelope, EventTypes, Origin, createEvent } from '@bridge/contracts';

/** A valid CommentAdded event for ticket `ticket` of client `clientId`, numbered `n` for order checks. */
export function sampleComment(ticket: string, n: number, clientId = 'acme'): EventEnvelope<'CommentAdded'> {
  const data: CommentAddedData = {
    clientId,
    externalSourceId: ticket,
    origin: Origin.Client,
    commentId: `${ticket}-c${n}`,
    text: `comment ${n}`,
    visibility: 'public',
    createdAt: new Date(Date.UTC(2026, 10, 24, 10, 0, n % 60)).toISOString(),
  };
  return createEvent(EventTypes.CommentAdded, data, { source: 'test' });
}

/** The number a sample comment carries. */
export function sampleNumber(event: EventEnvelope): number {
  if (event.type !== EventTypes.CommentAdded) throw new Error(`not a sample comment: ${event.type}`);
  return Number(event.data.text.replace('comment ', ''));
}
