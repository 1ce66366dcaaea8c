import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsObject, IsOptional, IsString, Matches, ValidateIf, ValidateNested } from 'class-validator';

/**
 * What the client's BMC Helix posts to the bridge: the documented body (`BMC_HELIX_WEBHOOK_BODY`), the incident's
 * and the work log's fields under their AR System names, spaces included. Fields the bridge does not know are kept,
 * since a client's mapping may name others (`mapping.fields`).
 */
export const BMC_HELIX_EVENTS = ['incident.created', 'incident.updated', 'worklog.added'] as const;
export type BmcHelixEvent = (typeof BMC_HELIX_EVENTS)[number];

export class BmcHelixWorkLog {
  @IsString() @IsNotEmpty({ message: 'Work Log ID must be the work log id' }) 'Work Log ID'!: string;
  @IsString() @IsNotEmpty({ message: 'Detailed Description must be the work log text' }) 'Detailed Description'!: string;
  /** "Internal" or "Public" (the requester sees it). */
  @IsOptional() @IsIn(['Internal', 'Public']) 'View Access'?: string;
  @IsOptional() @IsString() Submitter?: string;
  @IsOptional() @IsString() 'Submit Date'?: string;
}

export class BmcHelixIncident {
  @Matches(/^[A-Z]{3}\d{12}$/, { message: 'Incident Number must be the incident number (INC000000000101)' }) 'Incident Number'!: string;
  @IsOptional() @IsString() Status?: string;
  @IsOptional() @IsString() 'Last Modified By'?: string;
  @IsOptional() @IsString() 'Last Modified Date'?: string;
  [field: string]: unknown;
}

export class BmcHelixWebhook {
  @IsIn(BMC_HELIX_EVENTS) event!: BmcHelixEvent;
  @IsObject() @ValidateNested() @Type(() => BmcHelixIncident) incident!: BmcHelixIncident;
  @ValidateIf((o: BmcHelixWebhook) => o.event === 'worklog.added') @IsObject() @ValidateNested() @Type(() => BmcHelixWorkLog) workLog?: BmcHelixWorkLog;
}
