import type { ClientConfig } from '@bridge/clients-config';
import type { OutboundUpdate } from './outbound-update';

/**
 * Which client record an activity's update goes to (seed 001): the one its `remote_activity_id` names; else, for a
 * client that mirrors, the record the bridge creates for it, found again by a correlation id the bridge chooses; else
 * none, and nothing is sent.
 */
export type ActivityTarget =
  | { kind: 'record'; number: string }
  | { kind: 'mirror'; correlationId: string }
  | { kind: 'none'; reason: string };

/** Set on the record the bridge creates, so every later update (and a check after a crash) finds it. */
export function mirrorCorrelationId(activityId: string): string {
  return `tangoe-activity-${activityId}`;
}

export function activityTargetOf(update: OutboundUpdate, client: ClientConfig): ActivityTarget {
  const activity = update.activity;
  if (!activity) return { kind: 'none', reason: 'not an activity update' };
  const mode = client.activities?.mode;
  if (!mode) return { kind: 'none', reason: `client ${client.id} takes no activities` };
  const number = activity.details.remoteActivityId;
  if (number) return { kind: 'record', number };
  if (mode === 'mirror') return { kind: 'mirror', correlationId: mirrorCorrelationId(activity.id) };
  return { kind: 'none', reason: `activity ${activity.id} has no remote_activity_id and client ${client.id} does not mirror` };
}
