import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  Equals,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
  registerDecorator,
  ValidationArguments,
} from 'class-validator';
import { ActivityDetails } from './activity-details';
import { ORIGINS, Origin } from './origin';
import {
  ACTIVITY_STATE_VALUES,
  ActivityState,
  TANGOE_DEVICE_TYPES,
  TANGOE_REQUEST_TYPES,
  TICKET_STATE_VALUES,
  TicketState,
} from './tangoe-vocabulary';

/** A client company's id, as the clients file allows it. */
export const CLIENT_ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/**
 * Data bodies of the events, version 1. Only the fields declared here may appear: validation forbids any other
 * property, which is also what keeps credentials out of events (no field here is, or may hold, a secret).
 */
const MAX_ID = 255;
const MAX_SHORT_TEXT = 1_000;
/** Comfortably above what ITSMs allow in one journal entry, well below Kafka's default 1 MB record limit. */
const MAX_LONG_TEXT = 100_000;

/** A ticket moves through ticket states, an activity through activity states; never a mix. */
function IsStateOf(subjectKindProperty: string) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isStateOf',
      target: target.constructor,
      propertyName,
      constraints: [subjectKindProperty],
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const kind = (args.object as Record<string, unknown>)[args.constraints[0] as string];
          const allowed: readonly string[] = kind === 'activity' ? ACTIVITY_STATE_VALUES : TICKET_STATE_VALUES;
          return typeof value === 'string' && allowed.includes(value);
        },
        defaultMessage(args: ValidationArguments) {
          const kind = (args.object as Record<string, unknown>)[args.constraints[0] as string];
          const allowed = kind === 'activity' ? ACTIVITY_STATE_VALUES : TICKET_STATE_VALUES;
          return `${args.property} must be one of the ${String(kind)} states: ${allowed.join(', ')}`;
        },
      },
    });
}

/** A property that only an activity's change may carry. */
function OnlyOnActivities() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'onlyOnActivities',
      target: target.constructor,
      propertyName,
      validator: {
        validate: (_value: unknown, args: ValidationArguments) => (args.object as StateChangedData).subjectKind === 'activity',
        defaultMessage: (args: ValidationArguments) => `${args.property} is only for activity changes`,
      },
    });
}

export class SupportRequestDraft {
  @IsString() @IsNotEmpty() @MaxLength(MAX_LONG_TEXT) text!: string;
  @IsString() @IsNotEmpty() @MaxLength(MAX_SHORT_TEXT) requestorName!: string;
  @IsString() @IsNotEmpty() @MaxLength(64) requestorNumber!: string;
  @IsIn(TANGOE_REQUEST_TYPES) requestType!: string;
  @IsString() @IsNotEmpty() @MaxLength(MAX_ID) externalSourceId!: string;
  @IsOptional() @IsIn(TANGOE_DEVICE_TYPES) deviceType?: string;
  @IsBoolean() vip!: boolean;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(MAX_ID) employeeId?: string;
}

/**
 * A ticket that existed at the ITSM before the bridge served its client (or one an operator onboards by name).
 * Tangoe may already hold its support request, made by the bridge the client used before: the gateway looks for it
 * by `external_source_id` before creating one, and links it when found (ADR 18).
 */
export class OnboardingData {
  @Equals(true) lookUpFirst!: true;
}

export class TicketOpenedData {
  @Matches(CLIENT_ID) clientId!: string;
  @IsString() @IsNotEmpty() @MaxLength(MAX_ID) externalSourceId!: string;
  /** The ITSM adapter that normalized the ticket, e.g. "servicenow". */
  @IsString() @IsNotEmpty() @MaxLength(64) itsm!: string;
  /** The ITSM's record kind, e.g. "incident" or "sc_req_item". */
  @IsOptional() @IsString() @MaxLength(64) recordType?: string;
  @IsString() @IsNotEmpty() @MaxLength(MAX_SHORT_TEXT) title!: string;
  @IsOptional() @IsString() @MaxLength(MAX_LONG_TEXT) description?: string;
  @IsISO8601({ strict: true }) openedAt!: string;
  /** What the bridge will send to Tangoe, mapped with the client's configuration at the ingress. */
  @ValidateNested() @Type(() => SupportRequestDraft) supportRequest!: SupportRequestDraft;
  /** Requestor facts the ticket lacked, filled from the client's `mapping.fallbacks` (the text says so too). */
  @IsOptional() @IsArray() @ArrayMaxSize(2) @IsIn(['requestorName', 'requestorNumber'], { each: true }) fallbacksUsed?: Array<'requestorName' | 'requestorNumber'>;
  /** Set when the ticket came by onboarding rather than by a webhook or reconciliation. */
  @IsOptional() @ValidateNested() @Type(() => OnboardingData) onboarding?: OnboardingData;
}

export class CommentAddedData {
  @Matches(CLIENT_ID) clientId!: string;
  @IsString() @IsNotEmpty() @MaxLength(MAX_ID) externalSourceId!: string;
  @IsIn(ORIGINS) origin!: Origin;
  /** The comment's id on its side (ITSM journal entry, Tangoe interaction): what makes "once" checkable. */
  @IsString() @IsNotEmpty() @MaxLength(MAX_ID) commentId!: string;
  @IsString() @IsNotEmpty() @MaxLength(MAX_LONG_TEXT) text!: string;
  @IsOptional() @IsString() @MaxLength(MAX_SHORT_TEXT) author?: string;
  @IsIn(['public', 'internal']) visibility!: 'public' | 'internal';
  @IsISO8601({ strict: true }) createdAt!: string;
}

export class StateChangedData {
  @Matches(CLIENT_ID) clientId!: string;
  @IsIn(['ticket', 'activity']) subjectKind!: 'ticket' | 'activity';
  @ValidateIf((o: StateChangedData) => o.subjectKind === 'ticket')
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_ID)
  externalSourceId?: string;
  @ValidateIf((o: StateChangedData) => o.subjectKind === 'activity')
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_ID)
  activityId?: string;
  @IsIn(ORIGINS) origin!: Origin;
  @IsStateOf('subjectKind') state!: TicketState | ActivityState;
  @IsISO8601({ strict: true }) changedAt!: string;
  /** Distinguishes two changes to the same state (e.g. Tangoe's updated_at), so each is handled once. */
  @IsString() @IsNotEmpty() @MaxLength(MAX_ID) changeId!: string;
  @IsOptional() @IsString() @MaxLength(MAX_SHORT_TEXT) assignmentGroup?: string;
  /** Free text that accompanies the change, e.g. the last interaction on a close, or a client's cancel reason. */
  @IsOptional() @IsString() @MaxLength(MAX_LONG_TEXT) note?: string;
  /** An activity's details as they were at the change (seed 001's completion template); only on activity changes. */
  @IsOptional() @OnlyOnActivities() @ValidateNested() @Type(() => ActivityDetails) activity?: ActivityDetails;
}

/** The two kinds of push Tangoe makes: a support request's change (signed), an activity's state (seed 001 option 3). */
export const TANGOE_PUSH_KINDS = ['support_request', 'activity'] as const;
export type TangoePushKind = (typeof TANGOE_PUSH_KINDS)[number];

/**
 * A push Tangoe made, authenticated and its shape validated at the ingress, carried as Tangoe sent it to the
 * gateway, the one place Tangoe's changes are read (docs/adr/0023). The key places it in its ticket's (or
 * activity's) order; the body stays Tangoe's, so reading it is the gateway's alone.
 */
export class TangoePushReceivedData {
  @Matches(CLIENT_ID) clientId!: string;
  @IsIn(TANGOE_PUSH_KINDS) kind!: TangoePushKind;
  @ValidateIf((o: TangoePushReceivedData) => o.kind === 'support_request')
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_ID)
  externalSourceId?: string;
  @ValidateIf((o: TangoePushReceivedData) => o.kind === 'activity')
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_ID)
  activityId?: string;
  /** Tangoe's JSON body as it arrived (its size bounded by MAX_WEBHOOK_BYTES at the door). */
  @IsObject() body!: Record<string, unknown>;
}
