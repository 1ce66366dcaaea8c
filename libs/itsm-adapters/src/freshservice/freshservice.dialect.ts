import { idText, isObject, unwrapApiRecord } from '../api-record';
import type { CommentReading, InboundReading, ItsmDialect, RecordView, StatusSetter } from '../dialect';
import { InboundPayloadError } from '../itsm-adapter';
import { htmlToText } from '../html-text';
import { readPath } from '../read-path';
import { parseInbound } from '../validation-problems';
import { PastedBody } from '../pasted-body';
import { FRESHSERVICE_CLIENT_STATES, FRESHSERVICE_DEFAULT_FIELDS, FRESHSERVICE_WEBHOOK_BODY } from './freshservice-defaults';
import { FreshserviceWebhook } from './freshservice-webhook';

/**
 * Freshservice as the bridge reads it: the workflow webhook body the admin pastes (`FRESHSERVICE_WEBHOOK_BODY`),
 * or a ticket as `GET /api/v2/tickets/{id}?include=requester` returns it (`{"ticket": …}`, numeric ids and
 * status codes, the requester's name and phone under `requester` when included), with the activity that set its
 * status when its reader found one (`status_activity`, `freshservice-status-activity.ts`).
 */
export const FRESHSERVICE_DIALECT: ItsmDialect = {
  readsStatusSetter: false,
  defaultFields: FRESHSERVICE_DEFAULT_FIELDS,
  clientStates: () => FRESHSERVICE_CLIENT_STATES,
  htmlFacts: ['description'],
  // The admin writes the event each workflow reports in place of ticket.updated.
  pastedBodies: [new PastedBody(FRESHSERVICE_WEBHOOK_BODY, /\{\{[^{}]*\}\}/g, ['ticket.updated'])],
  read(payload) {
    const api = unwrapApiRecord(payload, 'ticket', (value) => typeof value.id === 'number');
    return api ? readApiTicket(api, [], statusActivityIn(payload)) : readWebhook(parseInbound(FreshserviceWebhook, payload));
  },
  readApi(record, comments) {
    const ticket = unwrapApiRecord(record, 'ticket', (value) => typeof value.id === 'number');
    if (!ticket) throw new InboundPayloadError([{ field: 'ticket.id', problem: 'must be a ticket as the API returns it (a numeric id)' }]);
    return readApiTicket(ticket, comments, statusActivityIn(record));
  },
};

function readWebhook(webhook: FreshserviceWebhook): InboundReading {
  const { ticket, note } = webhook;
  const status = ticket.status ?? '';
  const version = ticket.updated_at ?? '';
  return {
    change: webhook.event === 'note.added' ? 'commented' : webhook.event === 'ticket.created' ? 'created' : 'updated',
    record: ticketView(ticket.id, ticket),
    actor: webhook.actor_id ?? (webhook.event === 'note.added' ? note?.user_id : undefined),
    comments:
      webhook.event === 'note.added' && note
        ? [{ commentId: note.id, text: htmlToText(note.body), author: note.user_name, authorId: note.user_id, visibility: note.private === 'false' ? 'public' : 'internal', createdAt: note.created_at, idParts: [ticket.id, 'note', note.id] }]
        : [],
    status: webhook.event === 'ticket.updated' && status ? { value: status, changeId: `${ticket.id}:${status}:${version}`, changedAt: ticket.updated_at, idParts: [ticket.id, 'state', status, version] } : undefined,
  };
}

/**
 * A ticket read from the API: as it is now, with its notes as `GET /api/v2/tickets/{id}/conversations` lists them
 * (`{id, user_id, body, body_text, private, created_at}`), each with the id its webhook gives. Its status is
 * versioned by the activity that set it, the time of that change, so later updates of the ticket leave the change's
 * id alone; without that activity, by the ticket's last update.
 */
function readApiTicket(ticket: Record<string, unknown>, conversations: readonly unknown[], setter: StatusSetter | undefined): InboundReading {
  const id = idText(ticket.id)!;
  const record = ticketView(id, ticket);
  const status = record.read('status');
  const version = setter?.at ?? record.read('updated_at') ?? '';
  return {
    change: 'read',
    record,
    comments: conversations.flatMap((entry): CommentReading[] => {
      if (!isObject(entry)) return [];
      const commentId = idText(entry.id);
      const text = typeof entry.body_text === 'string' && entry.body_text.trim() !== '' ? entry.body_text : typeof entry.body === 'string' ? htmlToText(entry.body) : '';
      if (!commentId || text.trim() === '') return [];
      return [{ commentId, text, authorId: idText(entry.user_id), visibility: entry.private === false ? 'public' : 'internal', createdAt: typeof entry.created_at === 'string' ? entry.created_at : undefined, idParts: [id, 'note', commentId] }];
    }),
    status: status ? { value: status, changeId: `${id}:${status}:${version}`, changedAt: version, by: setter?.by, idParts: [id, 'state', status, version] } : undefined,
  };
}

/** Who set the ticket's status and when, from the activity its reader found (`status_activity`): its actor's id. */
function statusActivityIn(record: unknown): StatusSetter | undefined {
  const activity = isObject(record) && isObject(record.status_activity) ? record.status_activity : undefined;
  if (!activity) return undefined;
  return { by: idText(isObject(activity.actor) ? activity.actor.id : undefined), at: typeof activity.created_at === 'string' ? activity.created_at : undefined };
}

function ticketView(id: string, ticket: Record<string, unknown>): RecordView {
  const read = (path: string) => readPath(ticket, path);
  return { key: id, idParts: [id], label: `ticket ${id}`, recordType: 'ticket', openedAt: read('created_at'), read, pathOf: (path) => `ticket.${path}` };
}
