import { apiTicket, idText, isObject, unwrapApiRecord } from '../api-record';
import type { InboundReading, ItsmDialect, NothingToSync, RecordView, StatusSetter } from '../dialect';
import { htmlToText } from '../html-text';
import { readPath } from '../read-path';
import { parseInbound } from '../validation-problems';
import { ZENDESK_CLIENT_STATES, ZENDESK_DEFAULT_FIELDS, ZENDESK_TRIGGER_BODY } from './zendesk-defaults';
import { ZENDESK_TICKET_EVENTS, ZENDESK_TICKET_EVENT_PREFIX, ZendeskEventWebhook } from './zendesk-event';
import { ZendeskWebhook } from './zendesk-webhook';
import { listedComments, statusChange, statusSetterIn } from '../readings';
import { pastedTicketBody, readPastedTicketEvent } from '../webhook/pasted-ticket-webhook';

/** Upper-case in event-subscription bodies, lower-case in the API and triggers: one mapping reads all three. */
const ENUM_FIELDS = ['status', 'priority', 'type'];

/**
 * Zendesk as the bridge reads it, one mapping for three shapes: the trigger body the admin pastes
 * (`ZENDESK_TRIGGER_BODY`), an event-subscription webhook (`zen:event-type:ticket.*`, Zendesk's own JSON), and a
 * ticket as `GET /api/v2/tickets/{id}` returns it (`{"ticket": …}`, numeric ids), with the audit that set its status
 * when its reader found one (`status_audit`, `zendesk-status-audit.ts`). The last two name the requester by id only:
 * its name and phone come from the client's `mapping.fallbacks` unless a mapping names other fields.
 */
export const ZENDESK_DIALECT: ItsmDialect = {
  readsStatusSetter: true,
  defaultFields: ZENDESK_DEFAULT_FIELDS,
  clientStates: () => ZENDESK_CLIENT_STATES,
  htmlFacts: ['description'],
  readApi: (record, comments) => readApiTicket(apiTicket(record), comments, statusAuditIn(record)),
  // The trigger body, one of the three shapes `read` reads.
  pastedBodies: [pastedTicketBody(ZENDESK_TRIGGER_BODY)],
  read(payload) {
    if (isObject(payload) && typeof payload.type === 'string' && 'detail' in payload) return readEvent(parseInbound(ZendeskEventWebhook, payload));
    const api = unwrapApiRecord(payload, 'ticket', (value) => typeof value.id === 'number' && !(isObject(payload) && 'event' in payload));
    return api ? readApiTicket(api, [], statusAuditIn(payload)) : readTrigger(parseInbound(ZendeskWebhook, payload));
  },
};

function readTrigger({ event, ticket, comment, current_user_id }: ZendeskWebhook): InboundReading {
  return readPastedTicketEvent({
    change: event === 'comment.added' ? 'commented' : event === 'ticket.created' ? 'created' : 'updated',
    ticketId: ticket.id,
    record: ticketView(ticket.id, ticket, 'ticket'),
    status: (ticket.status ?? '').toLowerCase(),
    updatedAt: ticket.updated_at,
    actor: current_user_id,
    entry: comment && { kind: 'comment', commentId: comment.id, body: comment.body, author: comment.author_name, authorId: comment.author_id, visibility: comment.public === 'false' ? 'internal' : 'public', createdAt: comment.created_at },
  });
}

function readEvent(webhook: ZendeskEventWebhook): InboundReading | NothingToSync {
  if (!webhook.type.startsWith(ZENDESK_TICKET_EVENT_PREFIX)) return { nothingToSync: `${webhook.type} is not about a ticket` };
  const ticket = webhook.detail;
  const record = ticketView(ticket.id, ticket, 'detail');
  const actor = idText(ticket.actor_id);
  const comment = webhook.type === ZENDESK_TICKET_EVENTS.commentAdded ? webhook.event?.comment : undefined;
  if (comment) {
    const commentId = idText(comment.id) ?? '';
    const authorId = idText(comment.author?.id);
    return {
      change: 'commented',
      record,
      actor: authorId ?? actor,
      comments: [{ commentId, text: htmlToText(comment.body), author: comment.author?.name, authorId, visibility: comment.is_public === false ? 'internal' : 'public', createdAt: webhook.time, idParts: [ticket.id, 'comment', commentId] }],
    };
  }
  const status = webhook.type === ZENDESK_TICKET_EVENTS.statusChanged ? record.read('status') : undefined;
  const version = ticket.updated_at ?? webhook.time ?? webhook.id;
  return {
    change: webhook.type === ZENDESK_TICKET_EVENTS.created ? 'created' : 'updated',
    record,
    actor,
    comments: [],
    status: status ? statusChange(ticket.id, status, version, { changedAt: ticket.updated_at ?? webhook.time }) : undefined,
  };
}

/**
 * A ticket read from the API: as it is now, with its comments as `GET /api/v2/tickets/{id}/comments` lists them
 * (`{id, author_id, body, html_body, public, created_at}`, oldest first), each with the id its webhooks give, but
 * the first: Zendesk makes the ticket's description of it. Its status is versioned by the audit that set it, the
 * time a webhook of that change carries as `updated_at`, so later updates of the ticket leave the change's id alone;
 * without that audit, by the ticket's last update.
 */
function readApiTicket(ticket: Record<string, unknown>, comments: readonly unknown[], setter: StatusSetter | undefined): InboundReading {
  const id = idText(ticket.id)!;
  const record = ticketView(id, ticket, 'ticket');
  const status = record.read('status');
  const version = setter?.at ?? record.read('updated_at') ?? '';
  return {
    change: 'read',
    record,
    createdBy: idText(ticket.submitter_id),
    // Zendesk's first comment is the ticket's description, which the TicketOpened already carries.
    comments: listedComments(id, 'comment', comments.slice(1), (entry) => ({
      id: idText(entry.id),
      text: typeof entry.body === 'string' ? htmlToText(entry.body) : '',
      authorId: idText(entry.author_id),
      visibility: entry.public === false ? 'internal' : 'public',
      createdAt: entry.created_at,
    })),
    status: status ? statusChange(id, status, version, { changedAt: version, by: setter?.by }) : undefined,
  };
}

/**
 * Who set the ticket's status and when, from the audit its reader found (`status_audit`): its author, any integer id
 * (a user's, or one Zendesk writes for itself: not the bridge's either way), and its time.
 */
const statusAuditIn = (record: unknown) =>
  statusSetterIn(record, 'status_audit', (audit) => (typeof audit.author_id === 'number' && Number.isSafeInteger(audit.author_id) ? String(audit.author_id) : idText(audit.author_id)));

function ticketView(id: string, ticket: Record<string, unknown>, at: string): RecordView {
  const read = (path: string) => {
    const value = readPath(ticket, path);
    return value !== undefined && ENUM_FIELDS.includes(path) ? value.toLowerCase() : value;
  };
  return { key: id, idParts: [id], label: `ticket ${id}`, recordType: read('type'), openedAt: read('created_at'), read, pathOf: (path) => `${at}.${path}` };
}
