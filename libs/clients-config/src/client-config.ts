import { Transform, Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { TANGOE_DEVICE_TYPES, TANGOE_REQUEST_TYPES } from '@bridge/contracts';
import { IsStringMap } from './string-map.validator';
import { SecretRef } from './secret-ref';

/*
 * `@ValidateNested` passes a missing object: every section and secret a request needs is also `@IsDefined`, so a
 * file without one is refused at load, not by a TypeError (answered 500) at the client's first request.
 */
const REQUIRED = '$property is required';
const REQUIRED_SECRET = '$property is required: a secret reference, { env: NAME }';

/**
 * The clients file (DESIGN.md §6), version 1: per client company its ITSM adapter, inbound authentication,
 * routing, mapping, the Tangoe environment and credentials. Secrets only by reference (`{ env: NAME }`).
 */
export class InboundAuthConfig {
  /**
   * false: the client's ITSM sends no webhooks (an admin who will not install a business rule); the bridge learns of
   * its changes by reconciliation alone, and its webhook endpoint answers 404. The credentials below are then unused.
   */
  @IsOptional() @IsBoolean() webhooks?: boolean;
  /**
   * The client's webhooks one ingress replica takes in a second; more are answered 429 with Retry-After
   * (INBOUND_REQUESTS_PER_SECOND by default).
   */
  @IsOptional() @IsInt() @Min(1) @Max(100_000) requestsPerSecond?: number;
  /** hmac: HMAC-SHA256 of the raw body in a header; basic: username + password; bearer: a static token. */
  @ValidateIf((o: InboundAuthConfig) => o.webhooks !== false) @IsIn(['hmac', 'basic', 'bearer']) type!: 'hmac' | 'basic' | 'bearer';
  @ValidateIf((o: InboundAuthConfig) => o.webhooks !== false && o.type !== 'basic') @IsDefined({ message: REQUIRED_SECRET }) @ValidateNested() @Type(() => SecretRef) secret?: SecretRef;
  /** Header carrying the hex signature for hmac (a "sha256=" prefix is accepted). */
  @IsOptional() @IsString() @MaxLength(100) header?: string;
  /** hmac: hex (default) or base64 signatures, as Zendesk writes them. */
  @IsOptional() @IsIn(['hex', 'base64']) encoding?: 'hex' | 'base64';
  /** hmac: a header whose value is signed before the body (Zendesk: X-Zendesk-Webhook-Signature-Timestamp). */
  @IsOptional() @IsString() @MaxLength(100) timestampHeader?: string;
  @ValidateIf((o: InboundAuthConfig) => o.webhooks !== false && o.type === 'basic') @IsString() @MaxLength(200) username?: string;
  @ValidateIf((o: InboundAuthConfig) => o.webhooks !== false && o.type === 'basic') @IsDefined({ message: REQUIRED_SECRET }) @ValidateNested() @Type(() => SecretRef) password?: SecretRef;
}

/** A ticket goes to Tangoe when every rule holds: the record's field equals the value, or is one of the values. */
export class RoutingRule {
  @IsString() @MaxLength(100) field!: string;
  @IsOptional() @IsString() equals?: string;
  @IsOptional() @IsArray() @ArrayMinSize(1) @IsString({ each: true }) in?: string[];
}

export class VipRule {
  @IsOptional() @IsArray() @IsString({ each: true }) priorities?: string[];
  @IsOptional() @IsArray() @IsString({ each: true }) urgencies?: string[];
}

/**
 * What Tangoe requires to open a support request that a client's ITSM may not have (Jira has no phone field, an
 * API record names the requestor by id only): used only when the ticket lacks it, and said so in the request's text.
 */
export class RequestorFallbacks {
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) requestorName?: string;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(64) requestorNumber?: string;
}

export class MappingConfig {
  /** Liquid template for the support request's `text`; the adapter's default concatenates title, description, details. */
  @IsOptional() @IsString() @MaxLength(20_000) textTemplate?: string;
  /** Client category (or "category/subcategory") → one of Tangoe's request types. */
  @IsOptional() @IsStringMap([...TANGOE_REQUEST_TYPES]) requestTypes?: Record<string, string>;
  @IsIn(TANGOE_REQUEST_TYPES) defaultRequestType!: string;
  /** Client device value → one of Tangoe's device types. */
  @IsOptional() @IsStringMap([...TANGOE_DEVICE_TYPES]) deviceTypes?: Record<string, string>;
  @IsOptional() @ValidateNested() @Type(() => VipRule) vip?: VipRule;
  /** Record field names that differ from the adapter's defaults, e.g. `{ "requestorNumber": "u_mobile" }`. */
  @IsOptional() @IsStringMap() fields?: Record<string, string>;
  @IsOptional() @ValidateNested() @Type(() => RequestorFallbacks) fallbacks?: RequestorFallbacks;
  /** Client state code → bridge state, for client-side changes (e.g. ServiceNow "8" → canceled). */
  @IsOptional() @IsStringMap(['canceled', 'closed', 'resolved']) clientStates?: Record<string, string>;
}

export class TangoeAuthConfig {
  @IsIn(['api-token', 'oauth']) type!: 'api-token' | 'oauth';
  @ValidateIf((o: TangoeAuthConfig) => o.type === 'api-token') @IsDefined({ message: REQUIRED_SECRET }) @ValidateNested() @Type(() => SecretRef) token?: SecretRef;
  @ValidateIf((o: TangoeAuthConfig) => o.type === 'oauth') @IsString() @MaxLength(200) clientId?: string;
  @ValidateIf((o: TangoeAuthConfig) => o.type === 'oauth') @IsDefined({ message: REQUIRED_SECRET }) @ValidateNested() @Type(() => SecretRef) clientSecret?: SecretRef;
  @ValidateIf((o: TangoeAuthConfig) => o.type === 'oauth') @IsString() @MaxLength(200) subject?: string;
}

/** Tangoe's own pushes to the bridge (state changes, interactions, reassignments), signed with HMAC-SHA256. */
export class TangoePushConfig {
  @ValidateNested() @Type(() => SecretRef) secret!: SecretRef;
}

export class TangoeConfig {
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }) baseUrl!: string;
  @IsDefined({ message: REQUIRED }) @ValidateNested() @Type(() => TangoeAuthConfig) auth!: TangoeAuthConfig;
  /** Tangoe's rate limit is per API user; each client has its own (two sharing one are refused at load). */
  @IsString() @Matches(/^[A-Za-z0-9._@-]{1,100}$/) apiUser!: string;
  @IsOptional() @IsInt() @Min(1) @Max(100) getsPerMinute?: number;
  /** Share of the GET budget left for the client's other uses of the same API user. */
  @IsOptional() @IsNumber() @Min(0) @Max(0.9) reservedShare?: number;
  @IsOptional() @ValidateNested() @Type(() => TangoePushConfig) push?: TangoePushConfig;
}

/**
 * The kinds of update Tangoe sends back to a client: a ticket's (seed 000, "Other Webhooks"), then an activity's
 * four states (seed 001) and the record the bridge creates to mirror an activity the client has none for.
 */
export const TICKET_OUTBOUND_KINDS = ['note', 'close', 'cancel', 'reassign', 'externally_queued', 'awaiting_customer_response'] as const;
export const ACTIVITY_OUTBOUND_KINDS = ['activity_ordered', 'activity_on_back_order', 'activity_completed', 'activity_cancelled', 'activity_mirror'] as const;
export const OUTBOUND_KINDS = [...TICKET_OUTBOUND_KINDS, ...ACTIVITY_OUTBOUND_KINDS] as const;
export type OutboundKind = (typeof OUTBOUND_KINDS)[number];

export class OutboundAuthConfig {
  /** ar-jwt: BMC Helix's AR System login (`POST /api/jwt/login` with username and password), then `AR-JWT <token>`. */
  @IsIn(['basic', 'bearer', 'oauth', 'ar-jwt']) type!: 'basic' | 'bearer' | 'oauth' | 'ar-jwt';
  @ValidateIf((o: OutboundAuthConfig) => (o.type === 'basic' && o.usernameSecret === undefined) || o.type === 'ar-jwt') @IsString() @MaxLength(200) username?: string;
  /** basic: the user is a secret itself, where the ITSM takes an API key as the user (Freshservice: key, "X"). */
  @IsOptional() @ValidateNested() @Type(() => SecretRef) usernameSecret?: SecretRef;
  /** basic: required, except with `usernameSecret` (an API key as the user takes no password); ar-jwt: required. */
  @ValidateIf((o: OutboundAuthConfig) => (o.type === 'basic' && (o.usernameSecret === undefined || o.password !== undefined)) || o.type === 'ar-jwt')
  @IsDefined({ message: 'password is required: a secret reference, { env: NAME }' })
  @ValidateNested()
  @Type(() => SecretRef)
  password?: SecretRef;
  @ValidateIf((o: OutboundAuthConfig) => o.type === 'bearer') @ValidateNested() @Type(() => SecretRef) token?: SecretRef;
  @ValidateIf((o: OutboundAuthConfig) => o.type === 'oauth') @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }) tokenUrl?: string;
  @ValidateIf((o: OutboundAuthConfig) => o.type === 'oauth') @IsString() clientId?: string;
  @ValidateIf((o: OutboundAuthConfig) => o.type === 'oauth') @ValidateNested() @Type(() => SecretRef) clientSecret?: SecretRef;
  @IsOptional() @IsString() scope?: string;
}

/** An ITSM user id or name: 1 to 200 characters, no space at either end (a YAML slip, never part of a login). */
const INTEGRATION_USER = /^\S(?:.{0,198}\S)?$/;

/**
 * Zendesk and Freshservice users are numbers, and YAML reads `integrationUser: 3614852` as one: a whole number
 * JavaScript holds exactly is taken as its digits. A larger one has already lost digits, so it stays a number
 * and is refused with the advice to quote it.
 */
function integerIdAsText(value: unknown): unknown {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? String(value) : value;
}

function integrationUserProblem(value: unknown): string {
  if (value === undefined || value === null || value === '') {
    return 'integrationUser is required for an ITSM: the id of the user the bridge writes as, whose changes coming back are dropped as echoes';
  }
  if (typeof value === 'number') return 'integrationUser is a number too large to read exactly: quote it in the file (integrationUser: "…")';
  if (typeof value !== 'string') return 'integrationUser must be text: the id or name of the user the bridge writes as';
  return 'integrationUser must be 1 to 200 characters without spaces at either end';
}

/** Where and how Tangoe's updates reach the client's ITSM. Unset templates and codes take the adapter's defaults. */
export class OutboundConfig {
  /** The ITSM instance, e.g. https://acme.service-now.com. Requests go only here. */
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }) baseUrl!: string;
  @ValidateNested() @Type(() => OutboundAuthConfig) auth!: OutboundAuthConfig;
  /** ServiceNow: the table of the client's tickets. */
  @IsOptional() @IsIn(['incident', 'sc_req_item']) recordType?: 'incident' | 'sc_req_item';
  /** The group Tangoe reassigns tickets back to (Jira: the accountId the issue is assigned back to). */
  @IsOptional() @IsString() assignmentGroup?: string;
  /** Jira: the project a mirrored activity's issue is created in. */
  @IsOptional() @IsString() @MaxLength(100) project?: string;
  @IsOptional() @IsString() closeCode?: string;
  /** Per kind, the client's state code (e.g. close: "7"). */
  @IsOptional() @IsStringMap() stateCodes?: Partial<Record<OutboundKind, string>>;
  /** Per kind, a Liquid template rendering the JSON body sent. */
  @IsOptional() @IsStringMap() templates?: Partial<Record<OutboundKind, string>>;
  /**
   * The user the bridge writes as: its updates coming back from the ITSM are recognised as echoes, and only its
   * entries count when a send cut off half-way is looked for. Required for an ITSM: without it every note the
   * bridge wrote would come back as the caller's comment and go to Tangoe, and back again.
   */
  @ValidateIf((o: OutboundConfig) => o.target !== 'webhook')
  @Transform(({ value }) => integerIdAsText(value))
  @Matches(INTEGRATION_USER, { message: ({ value }) => integrationUserProblem(value) })
  integrationUser?: string;
  /** `itsm` (default): the ITSM adapter's API. `webhook`: a generic endpoint, signed as Standard Webhooks. */
  @IsOptional() @IsIn(['itsm', 'webhook']) target?: 'itsm' | 'webhook';
  /** The Standard Webhooks signing secret (`whsec_…`), for `target: webhook`. */
  @ValidateIf((o: OutboundConfig) => o.target === 'webhook') @ValidateNested() @Type(() => SecretRef) signingSecret?: SecretRef;
}

/** Seed 001 option 3: the Basic credentials Tangoe's workflow uses to push activities to the bridge. */
export class ActivityPushConfig {
  @IsString() @MaxLength(200) username!: string;
  @ValidateNested() @Type(() => SecretRef) password!: SecretRef;
}

/** Seed 001 option 2: the scheduled activity report (CSV) the client's Tangoe portal drops on an SFTP folder. */
export class ActivityReportConfig {
  @IsString() @MaxLength(255) host!: string;
  @IsOptional() @IsInt() @Min(1) @Max(65_535) port?: number;
  @IsString() @MaxLength(200) username!: string;
  /** A password or a private key (PEM), one of them. */
  @IsOptional() @ValidateNested() @Type(() => SecretRef) password?: SecretRef;
  @ValidateIf((o: ActivityReportConfig) => o.password === undefined) @ValidateNested() @Type(() => SecretRef) privateKey?: SecretRef;
  /** The server's host key, `SHA256:…` as `ssh-keygen -lf` prints it; without it any key is accepted. */
  @IsOptional() @IsString() @Matches(/^SHA256:[A-Za-z0-9+/]{43}=?$/) hostKeySha256?: string;
  @IsString() @MaxLength(1_000) directory!: string;
  /** Only files whose name ends with this are reports. */
  @IsOptional() @IsString() @MaxLength(100) suffix?: string;
  @IsOptional() @IsInt() @Min(1_000) intervalMs?: number;
}

/** How Tangoe's activities (orders) reach the client (seed 001). */
export class ActivitiesConfig {
  /**
   * `update`: the client's record named by `remote_activity_id` is updated; activities without one are left out.
   * `mirror`: the same, and an activity without a client record gets one, created by the bridge and closed with it.
   */
  @IsIn(['update', 'mirror']) mode!: 'update' | 'mirror';
  /** Option 1: the gateway polls `GET /1/activities` (default on). */
  @IsOptional() @IsBoolean() poll?: boolean;
  @IsOptional() @ValidateNested() @Type(() => ActivityPushConfig) push?: ActivityPushConfig;
  @IsOptional() @ValidateNested() @Type(() => ActivityReportConfig) report?: ActivityReportConfig;
  /** ServiceNow: the table of the records activities update or mirror (default sc_req_item, the seed's RITM). */
  @IsOptional() @IsIn(['incident', 'sc_req_item']) recordType?: 'incident' | 'sc_req_item';
}

/**
 * Reading the client's ITSM through its own API, the safety net under its webhooks (docs/reconciliation.md). On for
 * every client whose `outbound` is its ITSM's API; the interval defaults to RECONCILE_INTERVAL_MS (5 minutes).
 */
export class ReconcileConfig {
  @IsOptional() @IsBoolean() enabled?: boolean;
  /** How often: "90s", "5m", "1h". */
  @IsOptional() @Matches(/^\d{1,6}(ms|s|m|h)$/, { message: 'interval must be a duration such as "30s", "5m" or "1h"' }) interval?: string;
  /** The client's ITSM API budget for reconciliation, across the ingress's replicas. */
  @IsOptional() @IsInt() @Min(1) @Max(10_000) requestsPerMinute?: number;
  /** How far each run steps back before its watermark, for clocks that disagree and writes committed late. */
  @IsOptional() @Matches(/^\d{1,6}(ms|s|m|h)$/, { message: 'clockSkew must be a duration such as "2m"' }) clockSkew?: string;
  /** Jira: JQL that narrows the search (`project = MOB`). */
  @IsOptional() @IsString() @MaxLength(1000) jql?: string;
}

/** "90s" → 90000; the durations `ReconcileConfig` accepts. */
export function durationMs(text: string): number {
  const match = /^(\d+)(ms|s|m|h)$/.exec(text);
  if (!match) throw new Error(`not a duration: ${text}`);
  return Number(match[1]) * { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[match[2] as 'ms' | 's' | 'm' | 'h'];
}

export class ClientConfig {
  @Matches(/^[a-z0-9][a-z0-9_-]{0,62}$/, { message: 'id must be 1-63 lower-case letters, digits, "-" or "_"' }) id!: string;
  @IsOptional() @IsString() @MaxLength(200) name?: string;
  @IsOptional() @IsBoolean() enabled?: boolean;
  @IsString() itsm!: string;
  @IsDefined({ message: REQUIRED }) @ValidateNested() @Type(() => InboundAuthConfig) inbound!: InboundAuthConfig;
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => RoutingRule) routing?: RoutingRule[];
  @IsDefined({ message: REQUIRED }) @ValidateNested() @Type(() => MappingConfig) mapping!: MappingConfig;
  @IsDefined({ message: REQUIRED }) @ValidateNested() @Type(() => TangoeConfig) tangoe!: TangoeConfig;
  @IsOptional() @ValidateNested() @Type(() => OutboundConfig) outbound?: OutboundConfig;
  @IsOptional() @ValidateNested() @Type(() => ActivitiesConfig) activities?: ActivitiesConfig;
  @IsOptional() @ValidateNested() @Type(() => ReconcileConfig) reconcile?: ReconcileConfig;
}

export class ClientsFile {
  @IsIn([1]) version!: number;
  @IsArray() @ValidateNested({ each: true }) @Type(() => ClientConfig) clients!: ClientConfig[];
}
