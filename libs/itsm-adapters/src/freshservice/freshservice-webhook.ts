import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsObject, IsOptional, IsString, Matches, ValidateIf, ValidateNested } from 'class-validator';

/**
 * What a Freshservice Workflow Automator "Trigger Webhook" action posts. Its JSON is written by the admin with
 * Freshservice's placeholders, so this is the bridge's documented default (docs/itsm/freshservice.md has it to
 * paste); other layouts are read through `mapping.fields`. Placeholders arrive as strings: ids and status codes too.
 */
export const FRESHSERVICE_EVENTS = ['ticket.created', 'ticket.updated', 'note.added'] as const;
export type FreshserviceEvent = (typeof FRESHSERVICE_EVENTS)[number];

export class FreshserviceNote {
  @Matches(/^\d+$/, { message: 'id must be the note id' }) id!: string;
  @IsString() @IsNotEmpty() body!: string;
  /** "true" for a private note, "false" for a reply the requester sees. */
  @IsOptional() @IsString() private?: string;
  @IsOptional() @IsString() user_id?: string;
  @IsOptional() @IsString() user_name?: string;
  @IsOptional() @IsString() created_at?: string;
}

export class FreshserviceTicket {
  @Matches(/^\d+$/, { message: 'id must be the ticket id ({{ticket.id_numeric}})' }) id!: string;
  /** Freshservice's numeric status: 2 Open, 3 Pending, 4 Resolved, 5 Closed. */
  @IsOptional() @Matches(/^\d+$/, { message: 'status must be a status code (2 Open, 3 Pending, 4 Resolved, 5 Closed)' }) status?: string;
  @IsOptional() @IsString() updated_at?: string;
  [field: string]: unknown;
}

export class FreshserviceWebhook {
  @IsIn(FRESHSERVICE_EVENTS) event!: FreshserviceEvent;
  @IsObject() @ValidateNested() @Type(() => FreshserviceTicket) ticket!: FreshserviceTicket;
  @ValidateIf((o: FreshserviceWebhook) => o.event === 'note.added') @IsObject() @ValidateNested() @Type(() => FreshserviceNote) note?: FreshserviceNote;
  /** The agent or requester who made the change: the bridge's own agent's changes are echoes. */
  @IsOptional() @IsString() actor_id?: string;
}
