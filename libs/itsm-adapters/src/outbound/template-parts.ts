/**
 * The words of the bridge's default templates that are the same whatever the ITSM (Liquid, as `renderUpdate`
 * renders it; each a JSON value): the note's text, the request's last interaction, the notes of Tangoe's waiting
 * states, an activity's change in one line, and a mirrored activity's summary and description. Each adapter puts
 * them into its own body.
 */

/** The interaction a note carries. */
export const INTERACTION_TEXT = '{{ interaction.text | json }}';

/** The request's last interaction, or `fallback` when it has none: what a close, cancel or reassign writes. */
export function lastInteraction(fallback: string): string {
  return `{{ support_request.interactions.last.text | default: "${fallback}" | json }}`;
}

/** The state code of the update's kind: the client's, else the adapter's default. */
export const STATE_CODE = '{{ state_code | json }}';

/** Whom a reassigned request goes back to. */
export const ASSIGNMENT_GROUP = '{{ assignment_group | json }}';

/** Tangoe's Externally Queued, as the bridge writes it to the ticket. */
export const EXTERNALLY_QUEUED_NOTE = '"Tangoe: Externally Queued, pending information from a third party."';

/** Tangoe's Awaiting Customer Response, as the bridge writes it to the ticket. */
export const AWAITING_CUSTOMER_NOTE = '"Tangoe: Awaiting Customer Response."';

/** An activity's change in one line: "Tangoe order TM-880001 (New Line with Device): completed". */
export const ACTIVITY_CHANGE = '{{ "Tangoe order " | append: activity.ticket_number | append: " (" | append: activity.activity_type | append: "): " | append: activity.state | json }}';

/** A mirrored activity's summary: "Tangoe order TM-880001: New Line with Device". */
export const MIRROR_SUMMARY = '{{ "Tangoe order " | append: activity.ticket_number | append: ": " | append: activity.activity_type | json }}';

/** A mirrored activity's description: where it comes from and for whom. */
export const MIRROR_DESCRIPTION = '{{ "Mirrored from Tangoe Mobile. Ticket " | append: activity.ticket_number | append: ", for " | append: activity.user_name | json }}';
