import { signBody } from '@bridge/webhook-security';
import { ItsmStandIn } from '../stand-in-kit';
import { jiraDelivery } from './jira-delivery';

/** A user of the site: Basic auth is email + API token, as Jira Cloud's. */
export interface JiraAccount {
  accountId: string;
  email: string;
  apiToken: string;
  displayName: string;
}

export interface JiraSiteOptions {
  name: string;
  accounts: JiraAccount[];
  /**
   * Where the site's webhook posts (the bridge's ingress), signed with its secret as `X-Hub-Signature`, delivered
   * and retried as Jira Cloud does (`jiraDelivery`); `timeScale` shortens its retry pauses for tests.
   */
  webhook?: { url: string; secret: string; timeScale?: number };
}

export interface JiraComment {
  id: string;
  body: unknown;
  author: { accountId: string; displayName: string };
  created: string;
  updated: string;
}

export interface JiraIssueRecord {
  id: string;
  key: string;
  fields: Record<string, unknown> & { status: { name: string }; labels: string[] };
  comments: JiraComment[];
  /** The issue's changelog, as `expand=changelog` answers it: who changed what, when. */
  histories?: Array<{ id: string; author: { accountId: string; displayName: string }; created: string; items: Array<{ field: string; fromString: string | null; toString: string | null }> }>;
}

export interface JiraCall {
  method: string;
  path: string;
  accountId?: string;
  status: number;
  body?: unknown;
  webhookId?: string;
}

/** The simplified workflow of a Jira Service Management project: each transition leads to its status. */
export const TRANSITIONS = [
  { id: '11', name: 'To Do' },
  { id: '21', name: 'In Progress' },
  { id: '31', name: 'Done' },
  { id: '41', name: 'Waiting for customer' },
  { id: '51', name: 'Pending' },
  { id: '61', name: 'Canceled' },
] as const;

/**
 * One Jira Cloud site of the sandbox: issues with their comments and statuses, every call received, and a webhook
 * that fires on every create, update and comment, the bridge's own included, so echoes are real.
 */
export class JiraSite extends ItsmStandIn<JiraCall> {
  readonly issues = new Map<string, JiraIssueRecord>();
  private nextIssue = 10_000;
  private nextComment = 20_000;

  constructor(readonly options: JiraSiteOptions) {
    super(jiraDelivery(options.webhook?.timeScale));
  }

  create(project: string, fields: Record<string, unknown>, by: JiraAccount): JiraIssueRecord {
    const id = String(this.nextIssue++);
    const now = jiraTime();
    const issue: JiraIssueRecord = {
      id,
      key: `${project}-${this.issuesOf(project).length + 1}`,
      fields: { ...fields, project: { key: project }, status: { name: 'To Do' }, labels: (fields.labels as string[] | undefined) ?? [], reporter: fields.reporter ?? { accountId: by.accountId, displayName: by.displayName }, created: now, updated: now },
      comments: [],
    };
    this.issues.set(issue.key, issue);
    this.fire('jira:issue_created', issue, by);
    return issue;
  }

  comment(issue: JiraIssueRecord, body: unknown, by: JiraAccount): JiraComment {
    const now = jiraTime();
    const comment: JiraComment = { id: String(this.nextComment++), body, author: { accountId: by.accountId, displayName: by.displayName }, created: now, updated: now };
    issue.comments.push(comment);
    issue.fields.updated = now;
    this.fire('comment_created', issue, by, { comment });
    return comment;
  }

  transition(issue: JiraIssueRecord, transitionId: string, resolution: string | undefined, by: JiraAccount): boolean {
    const transition = TRANSITIONS.find((candidate) => candidate.id === transitionId);
    if (!transition) return false;
    const from = issue.fields.status.name;
    issue.fields.status = { name: transition.name };
    if (resolution) issue.fields.resolution = { name: resolution };
    issue.fields.updated = jiraTime();
    const changelog = { id: String(Date.now()), items: [{ field: 'status', fromString: from, toString: transition.name }] };
    issue.histories = [...(issue.histories ?? []), { id: changelog.id, author: { accountId: by.accountId, displayName: by.displayName }, created: issue.fields.updated as string, items: changelog.items }];
    this.fire('jira:issue_updated', issue, by, { changelog });
    return true;
  }

  assign(issue: JiraIssueRecord, accountId: string, by: JiraAccount): void {
    issue.fields.assignee = { accountId };
    issue.fields.updated = jiraTime();
    this.fire('jira:issue_updated', issue, by, { changelog: { id: String(Date.now()), items: [{ field: 'assignee', fromString: null, toString: accountId }] } });
  }

  issuesOf(project: string): JiraIssueRecord[] {
    return [...this.issues.values()].filter((issue) => (issue.fields.project as { key: string }).key === project);
  }

  present(issue: JiraIssueRecord): Record<string, unknown> {
    return { id: issue.id, key: issue.key, fields: issue.fields };
  }

  private fire(event: string, issue: JiraIssueRecord, by: JiraAccount, extra: Record<string, unknown> = {}): void {
    const webhook = this.options.webhook;
    if (!webhook) return;
    const body = JSON.stringify({ timestamp: Date.now(), webhookEvent: event, user: { accountId: by.accountId, displayName: by.displayName }, issue: this.present(issue), ...extra });
    this.webhookNetwork.send(webhook.url, { 'x-hub-signature': signBody(webhook.secret, body) }, body, `${event} ${issue.key}`);
  }
}

/** Jira's time format: ISO 8601 with milliseconds and a "+0000" zone. */
function jiraTime(): string {
  return new Date().toISOString().replace('Z', '+0000');
}
