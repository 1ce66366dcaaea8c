import { EventEnvelope, EventTypes } from '@bridge/contracts';
import { clientStateChanged, commentAdded, ticketOpened } from '../inbound-events';
import { ItsmAdapter, NormalizeContext, NormalizeResult } from '../itsm-adapter';
import { htmlToText } from '../html-text';
import { toIsoTime } from '../itsm-time';
import { readPath } from '../read-path';
import { matchesRouting } from '../routing';
import { readTicketFacts } from '../support-request-mapper';
import { parseInbound } from '../validation-problems';
import { FRESHSERVICE_CLIENT_STATES, FRESHSERVICE_DEFAULT_FIELDS } from './freshservice-defaults';
import { FreshserviceOutbound } from './freshservice-outbound';
import { FreshserviceWebhook } from './freshservice-webhook';
import { clientStateOf } from '../client-states';

/**
 * Freshservice Workflow Automator webhooks → events. A routed ticket always yields its `TicketOpened` first (one
 * id per ticket); `note.added` adds a `CommentAdded` (private notes as internal); a status of 4 Resolved or 5 Closed
 * adds a `StateChanged`. What the bridge's own agent did comes back and is dropped.
 */
export class FreshserviceAdapter implements ItsmAdapter {
  readonly name = 'freshservice';
  readonly outbound = new FreshserviceOutbound();

  normalize(payload: unknown, { client, receivedAt }: NormalizeContext): NormalizeResult {
    const webhook = parseInbound(FreshserviceWebhook, payload);
    const ticket = webhook.ticket;
    const read = (path: string) => readPath(ticket, path);
    const field = (name: keyof typeof FRESHSERVICE_DEFAULT_FIELDS) => read(client.mapping.fields?.[name] ?? FRESHSERVICE_DEFAULT_FIELDS[name]);
    if (!matchesRouting(client.routing, read)) return { kind: 'ignored', reason: `ticket ${ticket.id} does not match the routing rules of client ${client.id}` };
    const agent = client.outbound?.integrationUser;
    // A ticket the bridge created is a mirrored order, never the client's request.
    if (agent && (webhook.actor_id === agent || webhook.note?.user_id === agent)) {
      return { kind: 'ignored', reason: `echo: ticket ${ticket.id} was ${webhook.event === 'note.added' ? 'noted' : webhook.event === 'ticket.created' ? 'created' : 'updated'} by the bridge itself (${agent})` };
    }

    const facts = readTicketFacts(ticket.id, (name) => {
      const value = field(name);
      return name === 'description' && value ? htmlToText(value) : value;
    }, (name) => `ticket.${client.mapping.fields?.[name] ?? FRESHSERVICE_DEFAULT_FIELDS[name]}`);
    const origin = { client, itsm: this.name, receivedAt };
    const events: EventEnvelope[] = [ticketOpened(origin, ticket.id, { facts, recordType: 'ticket', openedAt: toIsoTime(read('created_at'), receivedAt) }, [ticket.id, EventTypes.TicketOpened])];

    const note = webhook.note;
    if (webhook.event === 'note.added' && note) {
      events.push(
        commentAdded(
          origin,
          ticket.id,
          { commentId: note.id, text: htmlToText(note.body), author: note.user_name, visibility: note.private === 'false' ? 'public' : 'internal', createdAt: toIsoTime(note.created_at, receivedAt) },
          [ticket.id, 'note', note.id],
        ),
      );
    }

    const status = ticket.status ?? '';
    const clientState = clientStateOf(client.mapping.clientStates ?? FRESHSERVICE_CLIENT_STATES, status);
    if (webhook.event === 'ticket.updated' && clientState) {
      const version = ticket.updated_at ?? receivedAt.toISOString();
      events.push(clientStateChanged(origin, ticket.id, { state: clientState, changedAt: toIsoTime(ticket.updated_at, receivedAt), changeId: `${ticket.id}:${status}:${version}` }, [ticket.id, 'state', status, version]));
    }
    return { kind: 'events', events };
  }
}
