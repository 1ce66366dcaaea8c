import { basicCredentials, sameSecret } from '../basic-auth';
import { postWebhook } from '../signed-webhook';

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
export class FreshserviceSite {
  readonly tickets = new Map<number, FreshserviceTicketRecord>();
  readonly calls: FreshserviceCall[] = [];
  readonly webhookFailures: string[] = [];
  private nextTicket = 4_500;
  private nextNote = 27_000_900_000;

  constructor(readonly options: FreshserviceSiteOptions) {}

  agent(header: string | undefined): FreshserviceAgent | undefined {
    const presented = basicCredentials(header);
    return presented && presented.password === 'X' ? this.options.agents.find((a) => sameSecret(a.apiKey, presented.user)) : undefined;
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
    };
    this.tickets.set(ticket.id, ticket);
    this.fire('ticket.created', ticket, by);
    return ticket;
  }

  addNote(ticket: FreshserviceTicketRecord, body: string, isPrivate: boolean, by: FreshserviceAgent): FreshserviceNoteRecord {
    const now = new Date().toISOString();
    const note: FreshserviceNoteRecord = { id: this.nextNote++, body, body_text: body.replace(/<br>/g, '\n').replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'), private: isPrivate, user_id: by.id, created_at: now };
    ticket.conversations.push(note);
    ticket.updated_at = now;
    this.fire('note.added', ticket, by, note);
    return note;
  }

  /** The fields a PUT may set; a read-only one is refused with the field named, as Freshservice does. */
  update(ticket: FreshserviceTicketRecord, fields: Record<string, unknown>, by: FreshserviceAgent): string[] {
    const refused = Object.keys(fields).filter((name) => READ_ONLY.includes(name));
    if (refused.length > 0) return refused;
    if (typeof fields.status === 'number') ticket.status = fields.status;
    if (typeof fields.group_id === 'number') ticket.group_id = fields.group_id;
    ticket.updated_at = new Date().toISOString();
    this.fire('ticket.updated', ticket, by);
    return [];
  }

  present(ticket: FreshserviceTicketRecord): Record<string, unknown> {
    const { conversations: _c, ...fields } = ticket;
    return fields;
  }

  private fire(event: string, ticket: FreshserviceTicketRecord, by: FreshserviceAgent, note?: FreshserviceNoteRecord): void {
    const webhook = this.options.webhook;
    if (!webhook) return;
    const body = JSON.stringify({
      event,
      actor_id: by.id,
      ticket: {
        id: String(ticket.id),
        subject: ticket.subject,
        description: ticket.description,
        status: String(ticket.status),
        priority: String(ticket.priority),
        group: ticket.group,
        updated_at: ticket.updated_at,
        created_at: ticket.created_at,
        requester: ticket.requester,
      },
      ...(note ? { note: { id: String(note.id), body: note.body, private: String(note.private), user_id: note.user_id, user_name: by.name, created_at: note.created_at } } : {}),
    });
    const auth = `Basic ${Buffer.from(`${webhook.username}:${webhook.password}`).toString('base64')}`;
    postWebhook(webhook.url, { authorization: auth }, body, this.webhookFailures, `${event} ${ticket.id}`);
  }
}
