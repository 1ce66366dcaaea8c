import { randomUUID } from 'node:crypto';
import { signZendeskStyle } from '@bridge/webhook-security';
import { ZENDESK_TRIGGER_BODY } from '@bridge/itsm-adapters';
import { ItsmStandIn, fillRaw, vendorUserId } from '../stand-in-kit';
import { zendeskDelivery } from './zendesk-delivery';

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
  /**
   * The webhook: the bridge's ingress, signed as Zendesk signs (base64 HMAC of timestamp + body), posting the
   * documented trigger body (`trigger`, the default) or Zendesk's own event-subscription bodies (`events`);
   * `timeScale` shortens Zendesk's retry pauses and circuit breaker for tests.
   */
  webhook?: { url: string; secret: string; style?: 'trigger' | 'events'; timeScale?: number };
  /** The account's groups by name, with their ids (what an event-subscription body names a ticket's group by). */
  groups?: Record<string, number>;
}

export interface ZendeskCommentRecord {
  id: number;
  body: string;
  public: boolean;
  author_id: string;
  created_at: string;
}

/**
 * One event of an audit, as Zendesk's Ticket Audits write them (docs/itsm/zendesk.md, "What reconciliation reads"): a
 * `Comment`, a property set on a new ticket (`Create`) or changed (`Change`, with its `previous_value`).
 */
export type ZendeskAuditEvent =
  | { id: number; type: 'Comment'; body: string; public: boolean; author_id: number | string }
  | { id: number; type: 'Create'; field_name: string; value: unknown }
  | { id: number; type: 'Change'; field_name: string; value: unknown; previous_value: unknown };

/** One update of a ticket, as List Audits for a Ticket answers it: who made it, when, and what it did. */
export interface ZendeskAuditRecord {
  id: number;
  ticket_id: number;
  author_id: number | string;
  created_at: string;
  via: { channel: 'api' };
  events: ZendeskAuditEvent[];
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
  /** Every update, oldest first, each with its author and time: what the Ticket Audits API lists. */
  audits: ZendeskAuditRecord[];
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
export class ZendeskSite extends ItsmStandIn<ZendeskCall> {
  readonly tickets = new Map<number, ZendeskTicketRecord>();
  private readonly requesterIds = new Map<string, number>();
  private nextTicket = 35_000;
  private nextComment = 8_200_000;
  private nextAudit = 2_127_300_000;

  /** Its webhook fails as Zendesk's does: retries, and a circuit breaker that drops what comes while it is open. */
  constructor(readonly options: ZendeskSiteOptions) {
    super(zendeskDelivery(options.webhook?.timeScale));
  }

  create(input: { subject: string; comment: string; group?: string; type?: string; requester: ZendeskTicketRecord['requester']; external_id?: string; status?: string }, by: ZendeskUser): ZendeskTicketRecord {
    const now = new Date().toISOString();
    const ticket: ZendeskTicketRecord = {
      id: this.nextTicket++,
      subject: input.subject,
      status: input.status ?? 'new',
      group: input.group ?? '',
      group_id: input.group ? (this.options.groups?.[input.group] ?? null) : null,
      type: input.type ?? 'incident',
      external_id: input.external_id ?? null,
      requester: input.requester,
      created_at: now,
      updated_at: now,
      comments: [],
      audits: [],
    };
    this.tickets.set(ticket.id, ticket);
    const comment = { id: this.nextComment++, body: input.comment, public: true, author_id: by.id, created_at: now };
    ticket.comments.push(comment);
    this.audit(ticket, by, now, [this.commentEvent(comment), this.created('status', ticket.status), ...(ticket.group_id === null ? [] : [this.created('group_id', ticket.group_id)])]);
    this.fire('ticket.created', ticket, by);
    return ticket;
  }

  /** The Tickets API's update: a comment (public or private), a status, a group; one trigger run for all of it. */
  update(ticket: ZendeskTicketRecord, change: { comment?: { body: string; public?: boolean }; status?: string; group_id?: number }, by: ZendeskUser): void {
    const now = new Date().toISOString();
    const changes = [this.change(ticket, 'status', change.status || undefined), this.change(ticket, 'group_id', change.group_id)].flatMap((event) => event ?? []);
    if (change.status) ticket.status = change.status;
    if (change.group_id !== undefined) ticket.group_id = change.group_id;
    ticket.updated_at = now;
    const comment = change.comment?.body ? { id: this.nextComment++, body: change.comment.body, public: change.comment.public !== false, author_id: by.id, created_at: now } : undefined;
    this.audit(ticket, by, now, [...(comment ? [this.commentEvent(comment)] : []), ...changes]);
    if (comment) {
      ticket.comments.push(comment);
      this.fire('comment.added', ticket, by);
    }
    if (change.status || change.group_id !== undefined) this.fire('ticket.updated', ticket, by);
  }

  /**
   * A ticket as Zendesk's API answers it: its description is its first comment's text, its requester an id
   * (`requester_id`), its group an id (`group_id`); the requester's name and phone come only side-loaded
   * (`include=users`, `usersOf`).
   */
  present(ticket: ZendeskTicketRecord): Record<string, unknown> {
    const { comments: _comments, audits: _audits, requester: _requester, group: _group, ...fields } = ticket;
    return { ...fields, description: ticket.comments[0]?.body ?? '', requester_id: this.requesterId(ticket) };
  }

  /** The side-loaded users of these tickets' requesters, as `include=users` adds them to an answer. */
  usersOf(tickets: ZendeskTicketRecord[]): Array<{ id: number; name: string; phone: string }> {
    const users = new Map(tickets.map((ticket) => [this.requesterId(ticket), { id: this.requesterId(ticket), name: ticket.requester.name, phone: ticket.requester.phone }]));
    return [...users.values()];
  }

  /** One update's audit, as Zendesk stores one for every update that did something; its author id a number. */
  private audit(ticket: ZendeskTicketRecord, by: ZendeskUser, at: string, events: ZendeskAuditEvent[]): void {
    if (events.length === 0) return;
    ticket.audits.push({ id: this.nextAudit++, ticket_id: ticket.id, author_id: vendorUserId(by.id), created_at: at, via: { channel: 'api' }, events });
  }

  private commentEvent(comment: ZendeskCommentRecord): ZendeskAuditEvent {
    return { id: this.nextAudit++, type: 'Comment', body: comment.body, public: comment.public, author_id: vendorUserId(comment.author_id) };
  }

  /** A property set on a new ticket. */
  private created(field: 'status' | 'group_id', value: unknown): ZendeskAuditEvent {
    return { id: this.nextAudit++, type: 'Create', field_name: field, value };
  }

  /** A `Change` event when the update gives the field another value; setting it to what it is changes nothing. */
  private change(ticket: ZendeskTicketRecord, field: 'status' | 'group_id', value: unknown): ZendeskAuditEvent | undefined {
    return value === undefined || value === ticket[field] ? undefined : { id: this.nextAudit++, type: 'Change', field_name: field, value, previous_value: ticket[field] };
  }

  /** A requester is an end user of the account, one id per name. */
  private requesterId(ticket: ZendeskTicketRecord): number {
    let id = this.requesterIds.get(ticket.requester.name);
    if (id === undefined) this.requesterIds.set(ticket.requester.name, (id = 380_000_000 + this.requesterIds.size));
    return id;
  }

  /** What the trigger or event subscription posts, delivered as Zendesk delivers (`zendeskDelivery`). */
  private fire(event: string, ticket: ZendeskTicketRecord, by: ZendeskUser): void {
    const webhook = this.options.webhook;
    if (!webhook) return;
    const body = webhook.style === 'events' ? this.eventBody(event, ticket, by) : this.triggerBody(event, ticket, by);
    const timestamp = new Date().toISOString();
    this.webhookNetwork.send(webhook.url, { 'x-zendesk-webhook-signature': signZendeskStyle(webhook.secret, body, timestamp), 'x-zendesk-webhook-signature-timestamp': timestamp }, body, `${event} ${ticket.id}`);
  }

  /** The documented trigger body (docs/itsm/zendesk.md) with its placeholders filled raw, as Zendesk may. */
  private triggerBody(event: string, ticket: ZendeskTicketRecord, by: ZendeskUser): string {
    const latest = ticket.comments.at(-1);
    const author = this.options.users.find((u) => u.id === latest?.author_id);
    const values: Record<string, string | undefined> = {
      'current_user.id': by.id,
      'ticket.id': String(ticket.id),
      'ticket.title': ticket.subject,
      'ticket.description': ticket.comments[0]?.body,
      'ticket.status': ticket.status,
      'ticket.ticket_type': ticket.type,
      'ticket.group.name': ticket.group,
      'ticket.updated_at_with_timestamp': ticket.updated_at,
      'ticket.requester.name': ticket.requester.name,
      'ticket.requester.phone': ticket.requester.phone,
      'ticket.requester.external_id': ticket.requester.external_id,
      'ticket.latest_comment.id': latest ? String(latest.id) : undefined,
      'ticket.latest_comment.value': latest?.body,
      'ticket.latest_comment.is_public': latest ? String(latest.public) : undefined,
      'ticket.latest_comment.author.id': latest?.author_id,
      'ticket.latest_comment.author.name': author?.name,
      'ticket.latest_comment.created_at_with_time': latest?.created_at,
    };
    return fillRaw(ZENDESK_TRIGGER_BODY, /\{\{[^{}]*\}\}/g, (name) => values[name], { documented: 'ticket.updated', actual: event });
  }

  /** Zendesk's own event-subscription body (docs/itsm/zendesk.md, "Event subscriptions"): ids as strings, enums upper-case. */
  private eventBody(event: string, ticket: ZendeskTicketRecord, by: ZendeskUser): string {
    const latest = ticket.comments.at(-1);
    const author = this.options.users.find((u) => u.id === latest?.author_id);
    const type = event === 'comment.added' ? 'comment_added' : event === 'ticket.created' ? 'created' : 'status_changed';
    return JSON.stringify({
      type: `zen:event-type:ticket.${type}`,
      account_id: 1,
      id: randomUUID(),
      time: new Date().toISOString(),
      subject: `zen:ticket:${ticket.id}`,
      zendesk_event_version: '2022-11-06',
      detail: {
        id: String(ticket.id),
        actor_id: by.id,
        subject: ticket.subject,
        description: ticket.comments[0]?.body ?? '',
        status: ticket.status.toUpperCase(),
        priority: null,
        type: ticket.type ? ticket.type.toUpperCase() : null,
        group_id: ticket.group_id === null ? null : String(ticket.group_id),
        requester_id: null,
        created_at: ticket.created_at,
        updated_at: ticket.updated_at,
        tags: null,
      },
      event: type === 'comment_added' && latest ? { comment: { id: String(latest.id), body: latest.body, is_public: latest.public, author: { id: latest.author_id, is_staff: author?.id === by.id, name: author?.name ?? '' } } } : type === 'status_changed' ? { current: ticket.status.toUpperCase() } : {},
    });
  }
}
