import { EventEnvelope, EventTypes } from '@bridge/contracts';
import { clientStateChanged, commentAdded, ticketOpened } from '../inbound-events';
import { ItsmAdapter, NormalizeContext, NormalizeResult } from '../itsm-adapter';
import { toIsoTime } from '../itsm-time';
import { matchesRouting } from '../routing';
import { parseInbound } from '../validation-problems';
import { readTicketFacts } from '../support-request-mapper';
import { SERVICENOW_CLIENT_STATES, SERVICENOW_DEFAULT_FIELDS } from './servicenow-defaults';
import { ServiceNowOutbound } from './servicenow-outbound';
import { ServiceNowWebhook } from './servicenow-webhook';
import { clientStateOf } from '../client-states';

/**
 * ServiceNow business-rule webhooks → events. A routed record always yields its `TicketOpened` first (with an id
 * fixed per ticket, so the ingress publishes it once); a journal entry adds a `CommentAdded`, a state change into
 * a client-side end state adds a `StateChanged`.
 */
export class ServiceNowAdapter implements ItsmAdapter {
  readonly name = 'servicenow';
  readonly outbound = new ServiceNowOutbound();

  normalize(payload: unknown, { client, receivedAt }: NormalizeContext): NormalizeResult {
    const webhook = parseInbound(ServiceNowWebhook, payload);
    const record = webhook.record;
    const field = (name: keyof typeof SERVICENOW_DEFAULT_FIELDS) => stringField(record, client.mapping.fields?.[name] ?? SERVICENOW_DEFAULT_FIELDS[name]);
    if (!matchesRouting(client.routing, (name) => stringField(record, name))) {
      return { kind: 'ignored', reason: `${record.number} does not match the routing rules of client ${client.id}` };
    }

    const echo = echoOf(webhook, client.outbound?.integrationUser);
    if (echo) return { kind: 'ignored', reason: echo };

    const facts = readTicketFacts(record.number, field, (name) => `record.${client.mapping.fields?.[name] ?? SERVICENOW_DEFAULT_FIELDS[name]}`);
    const origin = { client, itsm: this.name, receivedAt };
    const events: EventEnvelope[] = [
      ticketOpened(origin, record.number, { facts, recordType: webhook.table, openedAt: toIsoTime(record.opened_at, receivedAt) }, [webhook.sys_id, EventTypes.TicketOpened]),
    ];

    if (webhook.event === 'journal.added' && webhook.journal) {
      const entry = webhook.journal;
      events.push(
        commentAdded(
          origin,
          record.number,
          { commentId: entry.sys_id, text: entry.value, author: entry.sys_created_by, visibility: entry.element === 'comments' ? 'public' : 'internal', createdAt: toIsoTime(entry.sys_created_on, receivedAt) },
          [entry.sys_id, EventTypes.CommentAdded],
        ),
      );
    }

    const clientState = clientStateOf(client.mapping.clientStates ?? SERVICENOW_CLIENT_STATES[webhook.table], record.state);
    if (webhook.event === 'record.updated' && clientState && record.previous_state !== record.state) {
      const version = record.sys_mod_count ?? record.sys_updated_on ?? receivedAt.toISOString();
      events.push(
        clientStateChanged(
          origin,
          record.number,
          { state: clientState, changedAt: toIsoTime(record.sys_updated_on, receivedAt), changeId: `${webhook.sys_id}:${version}`, note: stringField(record, 'close_notes') },
          [webhook.sys_id, 'state', record.state ?? '', version],
        ),
      );
    }
    return { kind: 'events', events };
  }
}

/**
 * The business rule fires on the bridge's own writes too. What the bridge's integration user wrote (a journal
 * entry it created, an update it made, a record it inserted: a mirrored order) is its own write coming back:
 * dropped, or it would loop, and a mirrored order would become a support request.
 */
function echoOf(webhook: ServiceNowWebhook, integrationUser: string | undefined): string | undefined {
  if (!integrationUser) return undefined;
  const author =
    webhook.event === 'journal.added' ? webhook.journal?.sys_created_by : webhook.event === 'record.inserted' ? (webhook.record.sys_created_by ?? webhook.record.sys_updated_by) : webhook.record.sys_updated_by;
  if (author !== integrationUser) return undefined;
  const what = webhook.event === 'journal.added' ? 'noted' : webhook.event === 'record.inserted' ? 'created' : 'updated';
  return `echo: ${webhook.record.number} was ${what} by the bridge itself (${integrationUser})`;
}



/** Raw values are strings; ServiceNow sends empty strings for empty fields, which mean "absent" here. */
function stringField(record: Record<string, unknown>, name: string): string | undefined {
  const value = record[name];
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
