import { basicCredentials, sameSecret } from '../basic-auth';
import { signZendeskStyle } from '@bridge/webhook-security';
import { postWebhook } from '../signed-webhook';

/** A Zendesk user with an API token: Basic auth is `{email}/token:{api token}`, as Zendesk's. */
export interface ZendeskUser {
  id: string;
  email: string;
  apiToken: string;
  name: string;
}

export interface ZendeskSiteOptions {
  name: string;
  users: ZendeskUser[];
  /** The trigger's webhook: the bridge's ingress, signed as Zendesk signs (base64 HMAC of timestamp + body). */
  webhook?: { url: string; secret: string };
}

export interface ZendeskCommentRecord {
  id: number;
  body: string;
  public: boolean;
  author_id: string;
  created_at: string;
}

export interface ZendeskTicketRecord {
  id: number;
  subject: string;
  status: string;
  group: string;
  group_id: number | null;
  type: string;
  external_id: string | null;
  requester: { name: string; phone: string; external_id?: string };
  created_at: string;
  updated_at: string;
  comments: ZendeskCommentRecord[];
}

export interface ZendeskCall {
  method: string;
  path: string;
  userId?: string;
  status: number;
  body?: unknown;
}

/**
 * One Zendesk account of the sandbox: tickets and their comments, every call received, and triggers that post the
 * bridge's documented body on every create, update and comment, the bridge's own included, so echoes are real.
 */
export class ZendeskSite {
  readonly tickets = new Map<number, ZendeskTicketRecord>();
  readonly calls: ZendeskCall[] = [];
  readonly webhookFailures: string[] = [];
  private nextTicket = 35_000;
  private nextComment = 8_200_000;

  constructor(readonly options: ZendeskSiteOptions) {}

  user(header: string | undefined): ZendeskUser | undefined {
    const presented = basicCredentials(header);
    return presented && this.options.users.find((u) => sameSecret(`${u.email}/token`, presented.user) && sameSecret(u.apiToken, presented.password));
  }

  create(input: { subject: string; comment: string; group?: string; type?: string; requester: ZendeskTicketRecord['requester']; external_id?: string; status?: string }, by: ZendeskUser): ZendeskTicketRecord {
    const now = new Date().toISOString();
    const ticket: ZendeskTicketRecord = {
      id: this.nextTicket++,
      subject: input.subject,
      status: input.status ?? 'new',
      group: input.group ?? '',
      group_id: null,
      type: input.type ?? 'incident',
      external_id: input.external_id ?? null,
      requester: input.requester,
      created_at: now,
      updated_at: now,
      comments: [],
    };
    this.tickets.set(ticket.id, ticket);
    ticket.comments.push({ id: this.nextComment++, body: input.comment, public: true, author_id: by.id, created_at: now });
    this.fire('ticket.created', ticket, by);
    return ticket;
  }

  /** The Tickets API's update: a comment (public or private), a status, a group; one trigger run for all of it. */
  update(ticket: ZendeskTicketRecord, change: { comment?: { body: string; public?: boolean }; status?: string; group_id?: number }, by: ZendeskUser): void {
    const now = new Date().toISOString();
    if (change.status) ticket.status = change.status;
    if (change.group_id !== undefined) ticket.group_id = change.group_id;
    ticket.updated_at = now;
    if (change.comment?.body) {
      ticket.comments.push({ id: this.nextComment++, body: change.comment.body, public: change.comment.public !== false, author_id: by.id, created_at: now });
      this.fire('comment.added', ticket, by);
    }
    if (change.status || change.group_id !== undefined) this.fire('ticket.updated', ticket, by);
  }

  present(ticket: ZendeskTicketRecord): Record<string, unknown> {
    const { comments: _comments, ...fields } = ticket;
    return fields;
  }

  /** The body of the bridge's documented trigger (docs/itsm/zendesk.md), as Zendesk fills its placeholders. */
  private fire(event: string, ticket: ZendeskTicketRecord, by: ZendeskUser): void {
    const webhook = this.options.webhook;
    if (!webhook) return;
    const latest = ticket.comments.at(-1)!;
    const author = this.options.users.find((u) => u.id === latest.author_id);
    const body = JSON.stringify({
      event,
      current_user_id: by.id,
      ticket: {
        id: String(ticket.id),
        subject: ticket.subject,
        description: ticket.comments[0]?.body ?? '',
        status: ticket.status,
        type: ticket.type,
        group: ticket.group,
        updated_at: ticket.updated_at,
        created_at: ticket.created_at,
        requester: ticket.requester,
      },
      comment: { id: String(latest.id), body: latest.body, public: String(latest.public), author_id: latest.author_id, author_name: author?.name ?? '', created_at: latest.created_at },
    });
    const timestamp = new Date().toISOString();
    postWebhook(webhook.url, { 'x-zendesk-webhook-signature': signZendeskStyle(webhook.secret, body, timestamp), 'x-zendesk-webhook-signature-timestamp': timestamp }, body, this.webhookFailures, `${event} ${ticket.id}`);
  }
}
