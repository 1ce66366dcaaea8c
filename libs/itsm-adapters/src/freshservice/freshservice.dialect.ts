import { apiTicket, idText, isObject, unwrapApiRecord } from '../api-record';
import type { InboundReading, ItsmDialect, RecordView, StatusSetter } from '../dialect';
import { htmlToText } from '../html-text';
import { readPath } from '../read-path';
import { parseInbound } from '../validation-problems';
import { FRESHSERVICE_CLIENT_STATES, FRESHSERVICE_DEFAULT_FIELDS, FRESHSERVICE_WEBHOOK_BODY } from './freshservice-defaults';
import { FreshserviceWebhook } from './freshservice-webhook';
import { listedComments, statusChange, statusSetterIn } from '../readings';
import { pastedTicketBody, readPastedTicketEvent } from '../webhook/pasted-ticket-webhook';

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
  pastedBodies: [pastedTicketBody(FRESHSERVICE_WEBHOOK_BODY)],
  read(payload) {
    const api = unwrapApiRecord(payload, 'ticket', (value) => typeof value.id === 'number');
    return api ? readApiTicket(api, [], statusActivityIn(payload)) : readWebhook(parseInbound(FreshserviceWebhook, payload));
  },
  readApi: (record, comments) => readApiTicket(apiTicket(record), comments, statusActivityIn(record)),
};

function readWebhook({ event, ticket, note, actor_id }: FreshserviceWebhook): InboundReading {
  return readPastedTicketEvent({
    change: event === 'note.added' ? 'commented' : event === 'ticket.created' ? 'created' : 'updated',
    ticketId: ticket.id,
    record: ticketView(ticket.id, ticket),
    status: ticket.status ?? '',
    updatedAt: ticket.updated_at,
    actor: actor_id,
    entry: note && { kind: 'note', commentId: note.id, body: note.body, author: note.user_name, authorId: note.user_id, visibility: note.private === 'false' ? 'public' : 'internal', createdAt: note.created_at },
  });
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
    comments: listedComments(id, 'note', conversations, (entry) => ({
      id: idText(entry.id),
      text: typeof entry.body_text === 'string' && entry.body_text.trim() !== '' ? entry.body_text : typeof entry.body === 'string' ? htmlToText(entry.body) : '',
      authorId: idText(entry.user_id),
      visibility: entry.private === false ? 'public' : 'internal',
      createdAt: entry.created_at,
    })),
    status: status ? statusChange(id, status, version, { changedAt: version, by: setter?.by }) : undefined,
  };
}

/** Who set the ticket's status and when, from the activity its reader found (`status_activity`): its actor's id. */
const statusActivityIn = (record: unknown) => statusSetterIn(record, 'status_activity', (activity) => idText(isObject(activity.actor) ? activity.actor.id : undefined));

function ticketView(id: string, ticket: Record<string, unknown>): RecordView {
  const read = (path: string) => readPath(ticket, path);
  return { key: id, idParts: [id], label: `ticket ${id}`, recordType: 'ticket', openedAt: read('created_at'), read, pathOf: (path) => `ticket.${path}` };
}
