import { Type } from 'class-transformer';
import { IsBoolean, IsNotEmpty, IsObject, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';

/**
 * A Zendesk event-subscription webhook (developer.zendesk.com, "Ticket events" and "Webhook event types"): a JSON
 * body Zendesk defines, `{ type: "zen:event-type:ticket.…", detail: <the ticket>, event: <what changed>, id, time,
 * subject: "zen:ticket:<id>", account_id, zendesk_event_version }`. Ids in `detail` are strings; statuses, priorities
 * and types upper-case (`OPEN`, `HIGH`, `INCIDENT`); unset values null.
 */
export const ZENDESK_EVENT_TYPE_PREFIX = 'zen:event-type:';

export class ZendeskEventTicket {
  @Matches(/^\d+$/, { message: 'id must be the ticket id' }) id!: string;
  @IsOptional() @IsString() status?: string;
  @IsOptional() @IsString() updated_at?: string;
  [field: string]: unknown;
}

export class ZendeskEventAuthor {
  @IsOptional() id?: string | number;
  @IsOptional() @IsString() name?: string;
}

export class ZendeskEventComment {
  @IsNotEmpty({ message: 'id must be the comment id' }) id!: string | number;
  @IsString() body!: string;
  @IsOptional() @IsBoolean() is_public?: boolean;
  @IsOptional() @ValidateNested() @Type(() => ZendeskEventAuthor) author?: ZendeskEventAuthor;
}

export class ZendeskEventChange {
  @IsOptional() @ValidateNested() @Type(() => ZendeskEventComment) comment?: ZendeskEventComment;
  @IsOptional() current?: unknown;
  @IsOptional() previous?: unknown;
}

export class ZendeskEventWebhook {
  @Matches(/^zen:event-type:[a-z_]+\.[a-z_]+$/, { message: 'type must be a Zendesk event type (zen:event-type:ticket.created)' }) type!: string;
  @IsString() @IsNotEmpty() id!: string;
  @IsOptional() @IsString() time?: string;
  @IsObject() @ValidateNested() @Type(() => ZendeskEventTicket) detail!: ZendeskEventTicket;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ZendeskEventChange) event?: ZendeskEventChange;
}

/** The ticket events the bridge reads; any other ticket event is an update (the ticket as it now is). */
export const ZENDESK_TICKET_EVENTS = { created: 'zen:event-type:ticket.created', commentAdded: 'zen:event-type:ticket.comment_added', statusChanged: 'zen:event-type:ticket.status_changed' } as const;
export const ZENDESK_TICKET_EVENT_PREFIX = `${ZENDESK_EVENT_TYPE_PREFIX}ticket.`;
