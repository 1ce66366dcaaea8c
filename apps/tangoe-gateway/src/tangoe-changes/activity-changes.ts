import { ACTIVITY_STATE_VALUES, ActivityDetails, ActivityState, EventEnvelope, EventTypes, Origin, createEvent, deterministicEventId } from '@bridge/contracts';
import type { TangoeActivity, TangoePerson } from '@bridge/tangoe-client';

/** One of the four states seed 001 names for an activity. */
export function isActivityState(state: string): state is ActivityState {
  return (ACTIVITY_STATE_VALUES as readonly string[]).includes(state);
}

/** The activity's lines of seed 001's completion template, from Tangoe's nested shape. */
export function activityDetailsOf(activity: TangoeActivity): ActivityDetails {
  const address = activity.shipping_address;
  const shipping = address
    ? [address.address1, address.address2, [address.city, address.state].filter(Boolean).join(', '), address.zip].filter((part) => part).join(' ')
    : undefined;
  const details: ActivityDetails = {
    activityType: activity.activity_type?.name,
    ticketNumber: text(activity.ticket_number),
    remoteActivityId: text(activity.remote_activity_id),
    submittedAt: text(activity.submitted_at ?? activity.created_at),
    assignedTo: personName(activity.assigned_to),
    requestorName: text(activity.requestor?.name),
    requestorEmail: text(activity.requestor?.email),
    userName: personName(activity.created_for),
    carrier: text(activity.carrier?.name),
    phoneNumber: text(activity.phone_number),
    device: text(activity.device?.name),
    plan: text(activity.plan?.name),
    planCost: text(activity.plan?.monthly_cost),
    areaCode: text(activity.area_code),
    preferredAddress: text(activity.preferred_address),
    shippingAddress: text(shipping),
    trackingUrl: text(activity.tracking_url),
    portInformation: text(activity.port_information),
    existingPhoneNumber: text(activity.existing_phone_number),
    accountNumber: text(activity.account?.number),
    accountName: text(activity.account?.name),
    transferNotes: text(activity.transfer_notes),
  };
  return Object.fromEntries(Object.entries(details).filter(([, value]) => value !== undefined)) as ActivityDetails;
}

/**
 * An activity's state as a Tangoe-side event, or undefined for a state the seeds don't name. The id comes from the
 * activity, its state and the time it changed: the same change pulled, pushed or listed in a report is one event.
 */
export function activityChangeOf(clientId: string, activityId: string, state: string, changedAt: string, details: ActivityDetails, source: string): EventEnvelope<'StateChanged'> | undefined {
  if (!isActivityState(state)) return undefined;
  const at = new Date(changedAt).toISOString();
  return createEvent(
    EventTypes.StateChanged,
    { clientId, subjectKind: 'activity', activityId, origin: Origin.Tangoe, state, changedAt: at, changeId: `${activityId}:${state}:${at}`, activity: details },
    { source, id: activityEventId(clientId, activityId, state, at) },
  );
}

export function activityEventId(clientId: string, activityId: string, state: string, changedAtIso: string): string {
  return deterministicEventId(clientId, 'tangoe-activity', activityId, state, changedAtIso);
}

/** The activity as Tangoe answers it, as an event. */
export function activityEventOf(activity: TangoeActivity, clientId: string, source: string): EventEnvelope<'StateChanged'> | undefined {
  return activityChangeOf(clientId, String(activity.id), activity.state, activity.updated_at, activityDetailsOf(activity), source);
}

function personName(person: TangoePerson | null | undefined): string | undefined {
  if (!person) return undefined;
  return text([person.name_first, person.name_last].filter(Boolean).join(' ')) ?? text(person.email);
}

function text(value: string | number | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = String(value).trim();
  return trimmed === '' ? undefined : trimmed;
}
