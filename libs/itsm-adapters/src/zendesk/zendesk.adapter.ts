import { EventEnvelope, EventTypes } from '@bridge/contracts';
import { clientStateChanged, commentAdded, ticketOpened } from '../inbound-events';
import { ItsmAdapter, NormalizeContext, NormalizeResult } from '../itsm-adapter';
import { toIsoTime } from '../itsm-time';
import { matchesRouting } from '../routing';
import { readTicketFacts } from '../support-request-mapper';
import { parseInbound } from '../validation-problems';
import { htmlToText } from '../html-text';
import { readPath } from '../read-path';
import { ZENDESK_CLIENT_STATES, ZENDESK_DEFAULT_FIELDS } from './zendesk-defaults';
import { ZendeskOutbound } from './zendesk-outbound';
import { ZendeskWebhook } from './zendesk-webhook';
import { clientStateOf } from '../client-states';

/**
 * Zendesk trigger webhooks → events. A routed ticket always yields its `TicketOpened` first (one id per ticket);
 * `comment.added` adds a `CommentAdded` (public or private as Zendesk says), and a status that ends the ticket on
 * the client's side adds a `StateChanged`. What the bridge's own Zendesk user did comes back and is dropped.
 */
export class ZendeskAdapter implements ItsmAdapter {
  readonly name = 'zendesk';
  readonly outbound = new ZendeskOutbound();

  normalize(payload: unknown, { client, receivedAt }: NormalizeContext): NormalizeResult {
    const webhook = parseInbound(ZendeskWebhook, payload);
    const ticket = webhook.ticket;
    const read = (path: string) => readPath(ticket, path);
    const field = (name: keyof typeof ZENDESK_DEFAULT_FIELDS) => read(client.mapping.fields?.[name] ?? ZENDESK_DEFAULT_FIELDS[name]);
    if (!matchesRouting(client.routing, read)) return { kind: 'ignored', reason: `ticket ${ticket.id} does not match the routing rules of client ${client.id}` };
    const bridgeUser = client.outbound?.integrationUser;
    // A ticket the bridge created is a mirrored order, never the client's request.
    if (bridgeUser && (webhook.current_user_id === bridgeUser || webhook.comment?.author_id === bridgeUser)) {
      return { kind: 'ignored', reason: `echo: ticket ${ticket.id} was ${webhook.event === 'comment.added' ? 'commented on' : webhook.event === 'ticket.created' ? 'created' : 'updated'} by the bridge itself (${bridgeUser})` };
    }

    const facts = readTicketFacts(ticket.id, field, (name) => `ticket.${client.mapping.fields?.[name] ?? ZENDESK_DEFAULT_FIELDS[name]}`);
    const origin = { client, itsm: this.name, receivedAt };
    const events: EventEnvelope[] = [ticketOpened(origin, ticket.id, { facts, recordType: read('type'), openedAt: toIsoTime(read('created_at'), receivedAt) }, [ticket.id, EventTypes.TicketOpened])];

    const comment = webhook.comment;
    if (webhook.event === 'comment.added' && comment) {
      events.push(
        commentAdded(
          origin,
          ticket.id,
          { commentId: comment.id, text: htmlToText(comment.body), author: comment.author_name, visibility: comment.public === 'false' ? 'internal' : 'public', createdAt: toIsoTime(comment.created_at, receivedAt) },
          [ticket.id, 'comment', comment.id],
        ),
      );
    }

    const status = (ticket.status ?? '').toLowerCase();
    const clientState = clientStateOf(client.mapping.clientStates ?? ZENDESK_CLIENT_STATES, status);
    if (webhook.event === 'ticket.updated' && clientState) {
      const version = ticket.updated_at ?? receivedAt.toISOString();
      events.push(clientStateChanged(origin, ticket.id, { state: clientState, changedAt: toIsoTime(ticket.updated_at, receivedAt), changeId: `${ticket.id}:${status}:${version}` }, [ticket.id, 'state', status, version]));
    }
    return { kind: 'events', events };
  }
}

