import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';

/**
 * What the bridge's ServiceNow business rule posts (docs/itsm/servicenow.md has the script): the record with raw
 * values, and for journal entries the entry. Fields the bridge does not know are kept, since a client's mapping
 * may name custom fields (`u_…`).
 */
export class ServiceNowRecord {
  @IsString() @IsNotEmpty() @MaxLength(100) number!: string;
  @IsOptional() @IsString() short_description?: string;
  @IsOptional() @IsString() description?: string;
  @IsOptional() @IsString() state?: string;
  @IsOptional() @IsString() previous_state?: string;
  @IsOptional() @IsString() sys_mod_count?: string;
  @IsOptional() @IsString() sys_updated_on?: string;
  @IsOptional() @IsString() sys_updated_by?: string;
  @IsOptional() @IsString() opened_at?: string;
  [field: string]: unknown;
}

export class ServiceNowJournalEntry {
  @Matches(/^[0-9a-f]{32}$/, { message: 'sys_id must be a ServiceNow sys_id (32 hex characters)' }) sys_id!: string;
  @IsIn(['comments', 'work_notes']) element!: 'comments' | 'work_notes';
  @IsString() @IsNotEmpty() value!: string;
  @IsOptional() @IsString() sys_created_on?: string;
  @IsOptional() @IsString() sys_created_by?: string;
}

export const SERVICENOW_TABLES = ['incident', 'sc_req_item'] as const;
export type ServiceNowTable = (typeof SERVICENOW_TABLES)[number];

export class ServiceNowWebhook {
  @IsIn(['record.inserted', 'record.updated', 'journal.added']) event!: 'record.inserted' | 'record.updated' | 'journal.added';
  @IsIn(SERVICENOW_TABLES) table!: ServiceNowTable;
  @Matches(/^[0-9a-f]{32}$/, { message: 'sys_id must be a ServiceNow sys_id (32 hex characters)' }) sys_id!: string;
  @IsObject() @ValidateNested() @Type(() => ServiceNowRecord) record!: ServiceNowRecord;
  @ValidateIf((o: ServiceNowWebhook) => o.event === 'journal.added') @IsObject() @ValidateNested() @Type(() => ServiceNowJournalEntry)
  journal?: ServiceNowJournalEntry;
}
