import { EventEnvelope, EventTypes } from '@bridge/contracts';
import type { ClientConfig } from '@bridge/clients-config';
import { ActivityTarget, activityTargetOf } from './activity-target';
import { OutboundUpdate, updateFor } from './outbound-update';

/** One update to send, with the record it goes to and, for a state change, the state it moves the record to. */
export interface PlannedUpdate {
  update: OutboundUpdate;
  target?: ActivityTarget;
  state?: string;
}

export type UpdatePlan = { kind: 'updates'; updates: PlannedUpdate[] } | { kind: 'none'; reason: string };

/**
 * What a Tangoe-side event asks of one client, in order: usually one update; for a mirrored activity, first the
 * record's creation (one id per activity, so it is queued once however many changes follow), then the change.
 * The notifier queues these, replay renders them again, and `bridge render` previews them: one decision, here.
 */
export function planUpdates(event: EventEnvelope, client: ClientConfig): UpdatePlan {
  const update = updateFor(event);
  if (!update) return { kind: 'none', reason: 'this event asks for no update at the client (only Tangoe-side events do)' };
  const state = event.type === EventTypes.StateChanged ? event.data.state : undefined;
  if (!update.activity) return { kind: 'updates', updates: [{ update, state }] };
  const target = activityTargetOf(update, client);
  if (target.kind === 'none') return { kind: 'none', reason: target.reason };
  const change: PlannedUpdate = { update, target, state };
  if (target.kind === 'record') return { kind: 'updates', updates: [change] };
  return { kind: 'updates', updates: [{ update: { ...update, kind: 'activity_mirror', eventId: `mirror:${event.subject}` }, target }, change] };
}
