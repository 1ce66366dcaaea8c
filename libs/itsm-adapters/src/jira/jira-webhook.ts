import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsObject, IsOptional, IsString, Matches, ValidateIf, ValidateNested } from 'class-validator';

/**
 * What Jira Cloud posts to a webhook (developer.atlassian.com, "Webhooks"): the event, the acting user, the issue
 * with its fields, and for updates the changelog, for comment events the comment. Only what the bridge reads is
 * declared; the rest of the payload (and every custom field) is kept for a client's mapping to name.
 */
export const JIRA_EVENTS = ['jira:issue_created', 'jira:issue_updated', 'comment_created', 'comment_updated'] as const;
export type JiraEvent = (typeof JIRA_EVENTS)[number];

export class JiraUser {
  @IsOptional() @IsString() accountId?: string;
  @IsOptional() @IsString() displayName?: string;
  @IsOptional() @IsString() emailAddress?: string;
}

export class JiraIssue {
  @IsString() @IsNotEmpty() id!: string;
  @Matches(/^[A-Z][A-Z0-9_]*-\d+$/, { message: 'key must be a Jira issue key such as "MOB-12"' }) key!: string;
  @IsObject() fields!: Record<string, unknown>;
}

/**
 * A changelog item is `{ field, fromString, toString }`. It is read from the payload as Jira sent it: an own
 * `toString` that is a string is not something a class instance can carry safely.
 */
export interface JiraChangelogItem {
  field: string;
  fromString?: string | null;
  toString?: string | null;
}

export class JiraComment {
  @IsString() @IsNotEmpty() id!: string;
  /** ADF (API v3) or a plain string (v2, Server). */
  @ValidateIf((o: JiraComment) => typeof o.body !== 'string') @IsObject() body!: unknown;
  @IsOptional() @ValidateNested() @Type(() => JiraUser) author?: JiraUser;
  @IsOptional() @ValidateNested() @Type(() => JiraUser) updateAuthor?: JiraUser;
  @IsOptional() @IsString() created?: string;
  @IsOptional() @IsString() updated?: string;
  /** Jira Service Management: false for an internal note, true for a reply the customer sees. */
  @IsOptional() jsdPublic?: boolean;
}

export class JiraWebhook {
  @IsIn(JIRA_EVENTS) webhookEvent!: JiraEvent;
  @IsOptional() timestamp?: number;
  @IsOptional() @ValidateNested() @Type(() => JiraUser) user?: JiraUser;
  @IsObject() @ValidateNested() @Type(() => JiraIssue) issue!: JiraIssue;
  @IsOptional() @IsObject() changelog?: { id?: string; items?: JiraChangelogItem[] };
  @ValidateIf((o: JiraWebhook) => String(o.webhookEvent).startsWith('comment_')) @IsObject() @ValidateNested() @Type(() => JiraComment) comment?: JiraComment;
}
