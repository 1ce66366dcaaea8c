import { IsOptional, IsString, MaxLength } from 'class-validator';

const MAX_FIELD = 1_000;
const MAX_NOTES = 10_000;

/**
 * What an activity (an order) says at the moment its state changed: the lines of seed 001's completion template
 * ("Assigned to", "Ticket Number", … "Transfer Notes") and the `remote_activity_id` that names the client's record.
 * Carried by an activity's `StateChanged` so the notifier renders the client's update without calling Tangoe.
 * Every field is optional: Tangoe fills what the activity type has, and a report row may carry fewer columns.
 * None is, or may hold, a credential.
 */
export class ActivityDetails {
  /** The activity type's name, the template's "Ticket Type" (e.g. "New Line with Device"). */
  @IsOptional() @IsString() @MaxLength(MAX_FIELD) activityType?: string;
  /** Tangoe's own ticket number of the order. */
  @IsOptional() @IsString() @MaxLength(MAX_FIELD) ticketNumber?: string;
  /** The client's record the activity is tied to (e.g. a RITM number), when there is one. */
  @IsOptional() @IsString() @MaxLength(MAX_FIELD) remoteActivityId?: string;
  @IsOptional() @IsString() @MaxLength(MAX_FIELD) submittedAt?: string;
  @IsOptional() @IsString() @MaxLength(MAX_FIELD) assignedTo?: string;
  @IsOptional() @IsString() @MaxLength(MAX_FIELD) requestorName?: string;
  @IsOptional() @IsString() @MaxLength(MAX_FIELD) requestorEmail?: string;
  @IsOptional() @IsString() @MaxLength(MAX_FIELD) userName?: string;
  @IsOptional() @IsString() @MaxLength(MAX_FIELD) carrier?: string;
  @IsOptional() @IsString() @MaxLength(MAX_FIELD) phoneNumber?: string;
  @IsOptional() @IsString() @MaxLength(MAX_FIELD) device?: string;
  @IsOptional() @IsString() @MaxLength(MAX_FIELD) plan?: string;
  @IsOptional() @IsString() @MaxLength(MAX_FIELD) planCost?: string;
  @IsOptional() @IsString() @MaxLength(MAX_FIELD) areaCode?: string;
  @IsOptional() @IsString() @MaxLength(MAX_FIELD) preferredAddress?: string;
  @IsOptional() @IsString() @MaxLength(MAX_FIELD) shippingAddress?: string;
  @IsOptional() @IsString() @MaxLength(MAX_FIELD) trackingUrl?: string;
  @IsOptional() @IsString() @MaxLength(MAX_FIELD) portInformation?: string;
  @IsOptional() @IsString() @MaxLength(MAX_FIELD) existingPhoneNumber?: string;
  @IsOptional() @IsString() @MaxLength(MAX_FIELD) accountNumber?: string;
  /** The account's name, the template's "Name". */
  @IsOptional() @IsString() @MaxLength(MAX_FIELD) accountName?: string;
  @IsOptional() @IsString() @MaxLength(MAX_NOTES) transferNotes?: string;
}

/** The fields above, in the order of seed 001's template: report columns and documentation list them this way. */
export const ACTIVITY_DETAIL_FIELDS = [
  'activityType',
  'ticketNumber',
  'remoteActivityId',
  'submittedAt',
  'assignedTo',
  'requestorName',
  'requestorEmail',
  'userName',
  'carrier',
  'phoneNumber',
  'device',
  'plan',
  'planCost',
  'areaCode',
  'preferredAddress',
  'shippingAddress',
  'trackingUrl',
  'portInformation',
  'existingPhoneNumber',
  'accountNumber',
  'accountName',
  'transferNotes',
] as const satisfies ReadonlyArray<keyof ActivityDetails>;
