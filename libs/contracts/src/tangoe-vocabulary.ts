/**
 * Tangoe's finite vocabularies, verbatim from seed 000 ("Request Type List", "Device Type List") and from the
 * states of seeds 000 and 001. Events carry Tangoe's labels; the Tangoe API stores request types as snake_case
 * codes (see `requestTypeCode`).
 */
export const TANGOE_REQUEST_TYPES = [
  'Application Support: iPass',
  'Application Support (on Device)',
  'Call Transferred Within Tangoe',
  'Cancellation Process',
  'Customer-Side Follow-Up',
  'Device Activation',
  'Device Activation and E-mail/EMM Setup',
  'Device Replacement',
  'Device Return Instructions',
  'E-mail Setup/EMM Enrollment',
  'External Issue',
  'Feature Change',
  'International Support',
  'Policy/Process Question',
  'Portal Assistance',
  'Portal Assistance :: Billing Inquiry',
  'Portal Assistance :: General',
  'Portal Assistance :: Order Status',
  'Portal Assistance :: Submit Activity for User',
  'Portal Assistance :: Upgrade Eligibility Check',
  'Tech Support',
  'Tech Support :: Coverage Issue',
  'Tech Support :: Data Sync',
  'Tech Support :: Lockout/Password',
  'Tech Support :: EMM',
  'Tech Support :: Other',
  'Tech Support :: Update OS',
  'Tech Support :: VPN',
  'Tech Support :: WiFi',
  'Voicemail Reset',
] as const;
export type TangoeRequestType = (typeof TANGOE_REQUEST_TYPES)[number];

/** The seed's list, plus "Smart Phone", which the seed's own example payload and response use. */
export const TANGOE_DEVICE_TYPES = [
  'Smart Phone',
  'Phone',
  'Tablet',
  'Machine-to-Machine',
  'Laptop',
  'Wearable',
  'Desktop',
  'Other',
  'Data Card',
  'Signal Booster',
  'Router',
  'Pager',
] as const;
export type TangoeDeviceType = (typeof TANGOE_DEVICE_TYPES)[number];

/**
 * The seed's response stores "Application Support (on Device)" as "application_support_on_device": lower case,
 * every run of non-alphanumerics collapsed to one underscore, none at the ends.
 */
export function requestTypeCode(label: string): string {
  return label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** States a support request moves through. The four of seed 000 plus the bridge's view of open/reassigned. */
export const TicketStates = {
  Open: 'open',
  ExternallyQueued: 'externally_queued',
  AwaitingCustomerResponse: 'awaiting_customer_response',
  Closed: 'closed',
  Canceled: 'canceled',
  /** Reassigned back to the client (seed 000, "Reassign"). */
  Reassigned: 'reassigned',
  /** A client-side resolution, before the client closes. */
  Resolved: 'resolved',
} as const;
export type TicketState = (typeof TicketStates)[keyof typeof TicketStates];
export const TICKET_STATE_VALUES: readonly TicketState[] = Object.values(TicketStates);

/** Seed 001's four activity states, with Tangoe's spelling ("cancelled", unlike the ticket's "Canceled"). */
export const ActivityStates = {
  Ordered: 'ordered',
  OnBackOrder: 'on_back_order',
  Completed: 'completed',
  Cancelled: 'cancelled',
} as const;
export type ActivityState = (typeof ActivityStates)[keyof typeof ActivityStates];
export const ACTIVITY_STATE_VALUES: readonly ActivityState[] = Object.values(ActivityStates);
