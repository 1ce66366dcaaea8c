import { FRESHSERVICE_STATUS_NAMES, FRESHSERVICE_WEBHOOK_BODY } from '@bridge/itsm-adapters';
import { ItsmStandIn, ONCE, basicAuthorization, fillRaw, vendorUserId } from '../stand-in-kit';

/** An agent or requester with an API key: Basic auth is the key as the user and "X" as the password, as Freshservice's. */
export interface FreshserviceAgent {
  id: string;
  apiKey: string;
  name: string;
}

export interface FreshserviceSiteOptions {
  name: string;
  agents: FreshserviceAgent[];
  /** The workflow's "Trigger Webhook": the bridge's ingress, with the Basic credentials the admin typed in. */
  webhook?: { url: string; username: string; password: string };
}

export interface FreshserviceNoteRecord {
  id: number;
  body: string;
  body_text: string;
  private: boolean;
  user_id: string;
  created_at: string;
}

/**
 * One entry of a ticket's activities as `GET /api/v2/tickets/{id}/activities` lists them: who did it, what, in
 * words (" set Status as Closed"), and when. Freshservice documents no more than that; the sandbox writes one entry
 * per create, note and update, its first change in `content` and any further ones in `sub_contents`.
 */
export interface FreshserviceActivityRecord {
  actor: { id: number | string; name: string };
  content: string;
  sub_contents: string[];
  created_at: string;
}

export interface FreshserviceTicketRecord {
  id: number;
  subject: string;
  description: string;
  status: number;
  priority: number;
  group: string;
  group_id: number | null;
  tags: string[];
  requester: { name: string; phone: string };
  created_at: string;
  updated_at: string;
  conversations: FreshserviceNoteRecord[];
  /** Oldest first. */
  activities: FreshserviceActivityRecord[];
}

export interface FreshserviceCall {
  method: string;
  path: string;
  agentId?: string;
  status: number;
  body?: unknown;
}

const READ_ONLY = ['id', 'display_id', 'created_at', 'updated_at', 'deleted', 'spam', 'fr_escalated', 'is_escalated', 'conversations', 'requester'];

/**
 * One Freshservice account of the sandbox: tickets and their notes, every call received, and a workflow that posts
 * the bridge's documented body on every create, update and note, the bridge's own included, so echoes are real.
 * Like Freshservice, it refuses an update that carries a read-only field.
 */
export class FreshserviceSite extends ItsmStandIn<FreshserviceCall> {
  readonly tickets = new Map<number, FreshserviceTicketRecord>();
  private nextTicket = 4_500;
  private nextNote = 27_000_900_000;

  /** Freshservice documents no retry of a workflow's webhook (docs/itsm/freshservice.md): the harsher reading, once. */
  constructor(readonly options: FreshserviceSiteOptions) {
    super(ONCE);
  }

  create(input: { subject: string; description: string; group?: string; tags?: string[]; status?: number; requester?: { name: string; phone: string } }, by: FreshserviceAgent): FreshserviceTicketRecord {
    const now = new Date().toISOString();
    const ticket: FreshserviceTicketRecord = {
      id: this.nextTicket++,
      subject: input.subject,
      description: input.description,
      status: input.status ?? 2,
      priority: 1,
      group: input.group ?? '',
      group_id: null,
      tags: input.tags ?? [],
      requester: input.requester ?? { name: by.name, phone: '' },
      created_at: now,
      updated_at: now,
      conversations: [],
      activities: [],
    };
    this.tickets.set(ticket.id, ticket);
    // One text for all a create set, as Freshservice's own activities show it.
    this.record(ticket, by, now, [`created ticket for ${ticket.requester.name},${statusSet(ticket.status)}, set Priority as Low`]);
    this.fire('ticket.created', ticket, by);
    return ticket;
  }

  addNote(ticket: FreshserviceTicketRecord, body: string, isPrivate: boolean, by: FreshserviceAgent): FreshserviceNoteRecord {
    const now = new Date().toISOString();
    const note: FreshserviceNoteRecord = { id: this.nextNote++, body, body_text: body.replace(/<br>/g, '\n').replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'), private: isPrivate, user_id: by.id, created_at: now };
    ticket.conversations.push(note);
    ticket.updated_at = now;
    this.record(ticket, by, now, [isPrivate ? ' added a private note' : ' added a public note']);
    this.fire('note.added', ticket, by, note);
    return note;
  }

  /** The fields a PUT may set; a read-only one is refused with the field named, as Freshservice does. */
  update(ticket: FreshserviceTicketRecord, fields: Record<string, unknown>, by: FreshserviceAgent): string[] {
    const refused = Object.keys(fields).filter((name) => READ_ONLY.includes(name));
    if (refused.length > 0) return refused;
    const now = new Date().toISOString();
    const changes = typeof fields.status === 'number' && fields.status !== ticket.status ? [statusSet(fields.status)] : [];
    if (typeof fields.group_id === 'number' && fields.group_id !== ticket.group_id) changes.push(` set Group as ${fields.group_id}`);
    if (typeof fields.status === 'number') ticket.status = fields.status;
    if (typeof fields.group_id === 'number') ticket.group_id = fields.group_id;
    ticket.updated_at = now;
    this.record(ticket, by, now, changes);
    this.fire('ticket.updated', ticket, by);
    return [];
  }

  present(ticket: FreshserviceTicketRecord): Record<string, unknown> {
    const { conversations: _c, activities: _a, ...fields } = ticket;
    return fields;
  }

  /** What one change did to the ticket, by whom and when, as its activities tell it; a change of nothing is none. */
  private record(ticket: FreshserviceTicketRecord, by: FreshserviceAgent, at: string, [content, ...subContents]: string[]): void {
    if (content === undefined) return;
    ticket.activities.push({ actor: { id: vendorUserId(by.id), name: by.name }, content, sub_contents: subContents, created_at: at });
  }

  /** The documented workflow body (docs/itsm/freshservice.md) with its placeholders filled raw, as Freshservice may. */
  private fire(event: string, ticket: FreshserviceTicketRecord, by: FreshserviceAgent, note?: FreshserviceNoteRecord): void {
    const webhook = this.options.webhook;
    if (!webhook) return;
    const values: Record<string, string | undefined> = {
      'triggered_event.performer.id': by.id,
      'ticket.id_numeric': String(ticket.id),
      'ticket.subject': ticket.subject,
      'ticket.description': ticket.description,
      'ticket.status_id': String(ticket.status),
      'ticket.priority': String(ticket.priority),
      'ticket.group_name': ticket.group,
      'ticket.modified_on': ticket.updated_at,
      'ticket.requester.name': ticket.requester.name,
      'ticket.requester.phone': ticket.requester.phone,
      'ticket.latest_private_comment.id': note ? String(note.id) : undefined,
      'ticket.latest_private_comment': note?.body,
      'ticket.latest_private_comment.user_id': note?.user_id,
      'ticket.latest_private_comment.created_at': note?.created_at,
    };
    const body = fillRaw(FRESHSERVICE_WEBHOOK_BODY, /\{\{[^{}]*\}\}/g, (name) => values[name], { documented: 'ticket.updated', actual: event });
    this.webhookNetwork.send(webhook.url, { authorization: basicAuthorization(webhook.username, webhook.password) }, body, `${event} ${ticket.id}`);
  }
}

/** A status set, in the words of Freshservice's activities: " set Status as Closed". */
function statusSet(status: number): string {
  return ` set Status as ${FRESHSERVICE_STATUS_NAMES[String(status)] ?? status}`;
}
