import { EventEnvelope, EventTypes } from '@bridge/contracts';
import { clientStateChanged, commentAdded, ticketOpened } from '../inbound-events';
import { ItsmAdapter, NormalizeContext, NormalizeResult } from '../itsm-adapter';
import { matchesRouting } from '../routing';
import { readPath } from '../read-path';
import { parseInbound } from '../validation-problems';
import { readTicketFacts } from '../support-request-mapper';
import { adfToText } from './adf';
import { JIRA_CLIENT_STATES, JIRA_DEFAULT_FIELDS } from './jira-defaults';
import { JiraOutbound } from './jira-outbound';
import { JiraChangelogItem, JiraWebhook } from './jira-webhook';
import { clientStateOf } from '../client-states';

/**
 * Jira Cloud / Jira Service Management webhooks → events. A routed issue always yields its `TicketOpened` first
 * (one id per issue, so it is published once); `comment_created` adds a `CommentAdded` (`comment_updated` too, as
 * a new text with its own id: an edit is news for Tangoe), and a changelog moving the status into a client-side
 * end state adds a `StateChanged`. What the bridge's own Jira user did comes back as an echo and is dropped.
 */
export class JiraAdapter implements ItsmAdapter {
  readonly name = 'jira';
  readonly outbound = new JiraOutbound();

  normalize(payload: unknown, { client, receivedAt }: NormalizeContext): NormalizeResult {
    const webhook = parseInbound(JiraWebhook, payload);
    const issue = webhook.issue;
    const read = (path: string) => readPath(issue.fields, path, adfOf);
    const field = (name: keyof typeof JIRA_DEFAULT_FIELDS) => read(client.mapping.fields?.[name] ?? JIRA_DEFAULT_FIELDS[name]);
    if (!matchesRouting(client.routing, read)) return { kind: 'ignored', reason: `${issue.key} does not match the routing rules of client ${client.id}` };

    const echo = echoOf(webhook, client.outbound?.integrationUser);
    if (echo) return { kind: 'ignored', reason: echo };

    const facts = readTicketFacts(issue.key, field, (name) => `issue.fields.${client.mapping.fields?.[name] ?? JIRA_DEFAULT_FIELDS[name]}`);
    const origin = { client, itsm: this.name, receivedAt };
    const events: EventEnvelope[] = [ticketOpened(origin, issue.key, { facts, recordType: read('issuetype'), openedAt: jiraTime(read('created'), receivedAt) }, [issue.id, EventTypes.TicketOpened])];

    const comment = webhook.comment;
    const text = adfToText(comment?.body);
    if (comment && text) {
      const edited = webhook.webhookEvent === 'comment_updated';
      const version = edited ? (comment.updated ?? String(webhook.timestamp ?? '')) : '';
      events.push(
        commentAdded(
          origin,
          issue.key,
          {
            commentId: edited ? `${comment.id}@${version}` : comment.id,
            text: edited ? `(edited) ${text}` : text,
            author: (edited ? comment.updateAuthor : comment.author)?.displayName,
            visibility: comment.jsdPublic === false ? 'internal' : 'public',
            createdAt: jiraTime(edited ? comment.updated : comment.created, receivedAt),
          },
          [issue.id, 'comment', comment.id, version],
        ),
      );
    }

    // The changelog as Jira sent it: class-transformer does not copy an item's own `toString`.
    const status = statusChange((payload as { changelog?: { items?: JiraChangelogItem[] } }).changelog?.items);
    const clientState = status ? clientStateOf(client.mapping.clientStates ?? JIRA_CLIENT_STATES, status) : undefined;
    if (webhook.webhookEvent === 'jira:issue_updated' && clientState) {
      const version = webhook.changelog?.id ?? String(webhook.timestamp ?? receivedAt.getTime());
      events.push(
        clientStateChanged(
          origin,
          issue.key,
          { state: clientState, changedAt: jiraTime(read('updated'), receivedAt), changeId: `${issue.id}:${version}`, note: read('resolution') ? `Resolution: ${read('resolution')}` : undefined },
          [issue.id, 'state', status!, version],
        ),
      );
    }
    return { kind: 'events', events };
  }
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

/**
 * The bridge's own writes come back as webhooks. `outbound.integrationUser` is the accountId the bridge's Jira user
 * has: a comment it wrote, an update it made, an issue it created (a mirrored order) is dropped.
 */
function echoOf(webhook: JiraWebhook, integrationUser: string | undefined): string | undefined {
  if (!integrationUser) return undefined;
  const actor = webhook.webhookEvent === 'comment_created' ? webhook.comment?.author : webhook.webhookEvent === 'comment_updated' ? webhook.comment?.updateAuthor : webhook.user;
  if (actor?.accountId !== integrationUser) return undefined;
  const what = webhook.webhookEvent.startsWith('comment_') ? 'commented on' : webhook.webhookEvent === 'jira:issue_created' ? 'created' : 'updated';
  return `echo: ${webhook.issue.key} was ${what} by the bridge itself (${integrationUser})`;
}



/** Jira's times are ISO 8601 with a zone written "+0000"; a value that cannot be read falls back to arrival. */
function jiraTime(value: string | undefined, fallback: Date): string {
  const parsed = value ? new Date(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : undefined;
  return parsed && !Number.isNaN(parsed.getTime()) ? parsed.toISOString() : fallback.toISOString();
}
