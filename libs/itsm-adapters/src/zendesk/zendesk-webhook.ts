import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsObject, IsOptional, IsString, Matches, ValidateIf, ValidateNested } from 'class-validator';

/**
 * What a Zendesk trigger posts to the bridge's webhook. A trigger's body is written by the admin with Zendesk's
 * placeholders, so this is the bridge's documented default (docs/itsm/zendesk.md gives it to paste); a client whose
 * body differs names its fields by dotted path in `mapping.fields`. Placeholders arrive as strings: ids too.
 */
export const ZENDESK_EVENTS = ['ticket.created', 'ticket.updated', 'comment.added'] as const;
export type ZendeskEvent = (typeof ZENDESK_EVENTS)[number];

export class ZendeskComment {
  @Matches(/^\d+$/, { message: 'id must be the comment id ({{ticket.latest_comment.id}})' }) id!: string;
  @IsString() @IsNotEmpty() body!: string;
  /** "true" / "false", from {{ticket.latest_comment.is_public}}. */
  @IsOptional() @IsString() public?: string;
  @IsOptional() @IsString() author_id?: string;
  @IsOptional() @IsString() author_name?: string;
  @IsOptional() @IsString() created_at?: string;
}

export class ZendeskTicket {
  @Matches(/^\d+$/, { message: 'id must be the ticket id ({{ticket.id}})' }) id!: string;
  @IsOptional() @IsString() status?: string;
  @IsOptional() @IsString() updated_at?: string;
  [field: string]: unknown;
}

export class ZendeskWebhook {
  @IsIn(ZENDESK_EVENTS) event!: ZendeskEvent;
  @IsObject() @ValidateNested() @Type(() => ZendeskTicket) ticket!: ZendeskTicket;
  @ValidateIf((o: ZendeskWebhook) => o.event === 'comment.added') @IsObject() @ValidateNested() @Type(() => ZendeskComment) comment?: ZendeskComment;
  /** Who made the change ({{current_user.id}}): the bridge's own API user's changes are echoes. */
  @IsOptional() @IsString() current_user_id?: string;
}
