import { isObject } from '../api-record';
import type { CommentReading, InboundReading, ItsmDialect, RecordView } from '../dialect';
import { withColonZone } from '../itsm-time';
import { readPath } from '../read-path';
import { parseInbound } from '../validation-problems';
import { adfToText } from './adf';
import { JIRA_CLIENT_STATES, JIRA_DEFAULT_FIELDS } from './jira-defaults';
import { JiraChangelogItem, JiraComment, JiraIssue, JiraWebhook } from './jira-webhook';

/**
 * Jira Cloud / Jira Service Management as the bridge reads it: its webhooks (developer.atlassian.com, "Webhooks"),
 * or an issue as `GET /rest/api/3/issue/{key}` returns it (`{id, key, fields}`, its comments in `fields.comment`).
 *
 * Comments come from `comment_created` / `comment_updated` only: Atlassian is removing the comment object from
 * `jira:issue_*` events (deprecation notice ACJIRA-1225: "jira:issue_created, jira:issue_updated … will no longer
 * contain comment objects"), so one that is still there is not read twice. `X-Atlassian-Webhook-Identifier` is the
 * same on every retry of a delivery: where a payload has no version of its own, that identifier is it.
 */
export const JIRA_DIALECT: ItsmDialect = {
  readsStatusSetter: true,
  defaultFields: JIRA_DEFAULT_FIELDS,
  clientStates: () => JIRA_CLIENT_STATES,
  deliveryIdHeader: 'X-Atlassian-Webhook-Identifier',
  readApi(record, comments) {
    return readApiIssue(parseInbound(JiraIssue, record), comments);
  },
  read(payload, deliveryId) {
    if (isObject(payload) && !('webhookEvent' in payload) && 'fields' in payload) return readApiIssue(parseInbound(JiraIssue, payload), undefined);
    return readWebhook(parseInbound(JiraWebhook, payload), payload as { changelog?: { items?: JiraChangelogItem[] } }, deliveryId);
  },
};

function readWebhook(webhook: JiraWebhook, raw: { changelog?: { items?: JiraChangelogItem[] } }, deliveryId: string | undefined): InboundReading {
  const { issue } = webhook;
  const event = webhook.webhookEvent;
  const record = issueView(issue, 'issue.fields');
  const isComment = event === 'comment_created' || event === 'comment_updated';
  const edited = event === 'comment_updated';
  const comment = isComment ? webhook.comment : undefined;
  // The changelog as Jira sent it: class-transformer does not copy an item's own `toString`.
  const status = event === 'jira:issue_updated' ? statusChange(raw.changelog?.items) : undefined;
  const version = webhook.changelog?.id ?? deliveryId ?? String(webhook.timestamp ?? '');
  return {
    change: isComment ? 'commented' : event === 'jira:issue_created' ? 'created' : 'updated',
    record,
    actor: (event === 'comment_created' ? comment?.author : edited ? comment?.updateAuthor : webhook.user)?.accountId,
    comments: comment ? commentReadings(issue.id, comment, edited ? (comment.updated ?? deliveryId ?? String(webhook.timestamp ?? '')) : undefined) : [],
    status: status
      ? { value: status, changeId: `${issue.id}:${version}`, changedAt: record.read('updated'), note: resolutionNote(record), idParts: [issue.id, 'state', status, version] }
      : undefined,
  };
}

/**
 * An issue read from the REST API: as it is now, with its comments (those given, as `GET …/comment` lists them,
 * else those in `fields.comment`), each once by its id.
 */
function readApiIssue(issue: JiraIssue, listed: readonly unknown[] | undefined): InboundReading {
  const record = issueView(issue, 'fields');
  const comments = listed ?? (issue.fields.comment as { comments?: unknown } | undefined)?.comments;
  const status = record.read('status');
  // The changelog entry that set the status, the same id its jira:issue_updated webhook carries (`changelog.id`), so a
  // close seen both ways is one event; without a changelog, when the status last changed category.
  const version = latestStatusChange(issue)?.id ?? record.read('statuscategorychangedate') ?? record.read('updated') ?? '';
  return {
    change: 'read',
    record,
    createdBy: (issue.fields.creator as { accountId?: string } | undefined)?.accountId,
    comments: (Array.isArray(comments) ? comments : []).flatMap((entry) => {
      if (!isObject(entry)) return [];
      return commentReadings(issue.id, parseInbound(JiraComment, entry), undefined);
    }),
    status: status ? { value: status, changeId: `${issue.id}:${version}`, changedAt: record.read('updated'), note: resolutionNote(record), by: statusSetter(issue), idParts: [issue.id, 'state', status, version] } : undefined,
  };
}

/** Who made the issue's latest status change, from its changelog (`expand=changelog`); unknown without one. */
function statusSetter(issue: JiraIssue): string | undefined {
  const accountId = latestStatusChange(issue)?.author?.accountId;
  return typeof accountId === 'string' ? accountId : undefined;
}

/** The changelog's newest entry that changed the status. */
function latestStatusChange(issue: JiraIssue): { id?: string; author?: { accountId?: unknown } } | undefined {
  const histories = (issue as unknown as { changelog?: { histories?: unknown } }).changelog?.histories;
  if (!Array.isArray(histories)) return undefined;
  const changes = histories.filter((history) => isObject(history) && Array.isArray(history.items) && history.items.some((item: unknown) => isObject(item) && item.field === 'status'));
  const latest = changes.at(-1) as { id?: unknown; author?: { accountId?: unknown } } | undefined;
  return latest ? { id: typeof latest.id === 'string' ? latest.id : undefined, author: latest.author } : undefined;
}

/** A comment; an edit (`editVersion`) is news for Tangoe, a new text with its own id. */
function commentReadings(issueId: string, comment: JiraComment, editVersion: string | undefined): CommentReading[] {
  const body = adfToText(comment.body);
  if (!body) return [];
  const edited = editVersion !== undefined;
  const by = edited ? comment.updateAuthor : comment.author;
  return [
    {
      commentId: edited ? `${comment.id}@${editVersion}` : comment.id,
      text: edited ? `(edited) ${body}` : body,
      author: by?.displayName,
      authorId: by?.accountId,
      visibility: comment.jsdPublic === false ? 'internal' : 'public',
      createdAt: jiraTime(edited ? comment.updated : comment.created),
      idParts: [issueId, 'comment', comment.id, editVersion ?? ''],
    },
  ];
}

function issueView(issue: JiraIssue, at: string): RecordView {
  const read = (path: string) => readPath(issue.fields, path, adfOf);
  return { key: issue.key, idParts: [issue.id], label: issue.key, recordType: read('issuetype'), openedAt: jiraTime(read('created')), read, pathOf: (path) => `${at}.${path}` };
}

function resolutionNote(record: RecordView): string | undefined {
  const resolution = record.read('resolution');
  return resolution ? `Resolution: ${resolution}` : undefined;
}

/** ADF documents (descriptions, rich-text custom fields) as plain text. */
function adfOf(value: Record<string, unknown>): string | undefined {
  return value.type === 'doc' ? adfToText(value) : undefined;
}

/** The status the changelog moved the issue to, if it did. */
function statusChange(items: JiraChangelogItem[] | undefined): string | undefined {
  const item = (Array.isArray(items) ? items : []).find((candidate) => candidate?.field === 'status');
  const to = item ? (item as unknown as Record<string, unknown>).toString : undefined;
  return typeof to === 'string' && to !== '' ? to : undefined;
}

/** A time as Jira writes it, with its zone made ISO's; anything else in its place (a null in a body) is no time. */
function jiraTime(value: unknown): string | undefined {
  return typeof value === 'string' ? withColonZone(value) : undefined;
}
