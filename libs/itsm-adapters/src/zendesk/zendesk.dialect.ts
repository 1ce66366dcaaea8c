import { idText, isObject, unwrapApiRecord } from '../api-record';
import type { CommentReading, InboundReading, ItsmDialect, NothingToSync, RecordView, StatusSetter } from '../dialect';
import { InboundPayloadError } from '../itsm-adapter';
import { htmlToText } from '../html-text';
import { readPath } from '../read-path';
import { parseInbound } from '../validation-problems';
import { PastedBody } from '../pasted-body';
import { ZENDESK_CLIENT_STATES, ZENDESK_DEFAULT_FIELDS, ZENDESK_TRIGGER_BODY } from './zendesk-defaults';
import { ZENDESK_TICKET_EVENTS, ZENDESK_TICKET_EVENT_PREFIX, ZendeskEventWebhook } from './zendesk-event';
import { ZendeskWebhook } from './zendesk-webhook';

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
  // The admin writes the event each trigger reports in place of ticket.updated.
  pastedBodies: [new PastedBody(ZENDESK_TRIGGER_BODY, /\{\{[^{}]*\}\}/g, ['ticket.updated'])],
  readApi(record, comments) {
    const ticket = unwrapApiRecord(record, 'ticket', (value) => typeof value.id === 'number');
    if (!ticket) throw new InboundPayloadError([{ field: 'ticket.id', problem: 'must be a ticket as the API returns it (a numeric id)' }]);
    return readApiTicket(ticket, comments, statusAuditIn(record));
  },
  read(payload) {
    if (isObject(payload) && typeof payload.type === 'string' && 'detail' in payload) return readEvent(parseInbound(ZendeskEventWebhook, payload));
    const api = unwrapApiRecord(payload, 'ticket', (value) => typeof value.id === 'number' && !(isObject(payload) && 'event' in payload));
    return api ? readApiTicket(api, [], statusAuditIn(payload)) : readTrigger(parseInbound(ZendeskWebhook, payload));
  },
};

function readTrigger(webhook: ZendeskWebhook): InboundReading {
  const { ticket, comment } = webhook;
  const status = (ticket.status ?? '').toLowerCase();
  const version = ticket.updated_at ?? '';
  return {
    change: webhook.event === 'comment.added' ? 'commented' : webhook.event === 'ticket.created' ? 'created' : 'updated',
    record: ticketView(ticket.id, ticket, 'ticket'),
    actor: webhook.current_user_id ?? (webhook.event === 'comment.added' ? comment?.author_id : undefined),
    comments:
      webhook.event === 'comment.added' && comment
        ? [{ commentId: comment.id, text: htmlToText(comment.body), author: comment.author_name, authorId: comment.author_id, visibility: comment.public === 'false' ? 'internal' : 'public', createdAt: comment.created_at, idParts: [ticket.id, 'comment', comment.id] }]
        : [],
    status: webhook.event === 'ticket.updated' && status ? { value: status, changeId: `${ticket.id}:${status}:${version}`, changedAt: ticket.updated_at, idParts: [ticket.id, 'state', status, version] } : undefined,
  };
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
    status: status ? { value: status, changeId: `${ticket.id}:${status}:${version}`, changedAt: ticket.updated_at ?? webhook.time, idParts: [ticket.id, 'state', status, version] } : undefined,
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
    comments: comments.slice(1).flatMap((entry): CommentReading[] => {
      if (!isObject(entry)) return [];
      const commentId = idText(entry.id);
      const text = typeof entry.body === 'string' ? htmlToText(entry.body) : '';
      if (!commentId || text.trim() === '') return [];
      return [{ commentId, text, authorId: idText(entry.author_id), visibility: entry.public === false ? 'internal' : 'public', createdAt: typeof entry.created_at === 'string' ? entry.created_at : undefined, idParts: [id, 'comment', commentId] }];
    }),
    status: status ? { value: status, changeId: `${id}:${status}:${version}`, changedAt: version, by: setter?.by, idParts: [id, 'state', status, version] } : undefined,
  };
}

/**
 * Who set the ticket's status and when, from the audit its reader found (`status_audit`): its author, any integer id
 * (a user's, or one Zendesk writes for itself: not the bridge's either way), and its time.
 */
function statusAuditIn(record: unknown): StatusSetter | undefined {
  const audit = isObject(record) && isObject(record.status_audit) ? record.status_audit : undefined;
  if (!audit) return undefined;
  const by = typeof audit.author_id === 'number' && Number.isSafeInteger(audit.author_id) ? String(audit.author_id) : idText(audit.author_id);
  return { by, at: typeof audit.created_at === 'string' ? audit.created_at : undefined };
}

function ticketView(id: string, ticket: Record<string, unknown>, at: string): RecordView {
  const read = (path: string) => {
    const value = readPath(ticket, path);
    return value !== undefined && ENUM_FIELDS.includes(path) ? value.toLowerCase() : value;
  };
  return { key: id, idParts: [id], label: `ticket ${id}`, recordType: read('type'), openedAt: read('created_at'), read, pathOf: (path) => `${at}.${path}` };
}
