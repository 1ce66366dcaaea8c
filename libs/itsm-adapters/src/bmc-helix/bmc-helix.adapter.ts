import { EventEnvelope, EventTypes } from '@bridge/contracts';
import { clientStateChanged, commentAdded, ticketOpened } from '../inbound-events';
import { ItsmAdapter, NormalizeContext, NormalizeResult } from '../itsm-adapter';
import { htmlToText } from '../html-text';
import { toIsoTime } from '../itsm-time';
import { readPath } from '../read-path';
import { matchesRouting } from '../routing';
import { readTicketFacts } from '../support-request-mapper';
import { parseInbound } from '../validation-problems';
import { BMC_HELIX_CLIENT_STATES, BMC_HELIX_DEFAULT_FIELDS } from './bmc-helix-defaults';
import { BmcHelixOutbound } from './bmc-helix-outbound';
import { BmcHelixWebhook } from './bmc-helix-webhook';
import { clientStateOf } from '../client-states';

/**
 * BMC Helix ITSM webhooks → events. A routed incident always yields its `TicketOpened` first (one id per incident);
 * `worklog.added` adds a `CommentAdded` (Internal work logs as internal), and a status of Resolved, Closed or
 * Cancelled adds a `StateChanged`. What the bridge's own Helix user did comes back and is dropped.
 */
export class BmcHelixAdapter implements ItsmAdapter {
  readonly name = 'bmc-helix';
  readonly outbound = new BmcHelixOutbound();

  normalize(payload: unknown, { client, receivedAt }: NormalizeContext): NormalizeResult {
    const webhook = parseInbound(BmcHelixWebhook, payload);
    const incident = webhook.incident;
    const number = incident['Incident Number'];
    const read = (name: string) => readPath(incident, name);
    const pathOf = (name: keyof typeof BMC_HELIX_DEFAULT_FIELDS) => client.mapping.fields?.[name] ?? BMC_HELIX_DEFAULT_FIELDS[name];
    if (!matchesRouting(client.routing, read)) return { kind: 'ignored', reason: `incident ${number} does not match the routing rules of client ${client.id}` };
    const echo = echoOf(webhook, client.outbound?.integrationUser);
    if (echo) return { kind: 'ignored', reason: echo };

    const facts = readTicketFacts(number, (name) => {
      const value = read(pathOf(name));
      return name === 'description' && value ? htmlToText(value) : value;
    }, (name) => `incident.${pathOf(name)}`);
    const origin = { client, itsm: this.name, receivedAt };
    const events: EventEnvelope[] = [ticketOpened(origin, number, { facts, recordType: 'incident', openedAt: toIsoTime(read('Submit Date'), receivedAt) }, [number, EventTypes.TicketOpened])];

    const workLog = webhook.workLog;
    if (webhook.event === 'worklog.added' && workLog) {
      const id = workLog['Work Log ID'];
      events.push(
        commentAdded(
          origin,
          number,
          { commentId: id, text: htmlToText(workLog['Detailed Description']), author: workLog.Submitter, visibility: workLog['View Access'] === 'Public' ? 'public' : 'internal', createdAt: toIsoTime(workLog['Submit Date'], receivedAt) },
          [number, 'worklog', id],
        ),
      );
    }

    const status = incident.Status ?? '';
    const clientState = clientStateOf(client.mapping.clientStates ?? BMC_HELIX_CLIENT_STATES, status);
    if (webhook.event === 'incident.updated' && clientState) {
      const version = incident['Last Modified Date'] ?? receivedAt.toISOString();
      events.push(
        clientStateChanged(
          origin,
          number,
          { state: clientState, changedAt: toIsoTime(incident['Last Modified Date'], receivedAt), changeId: `${number}:${status}:${version}`, note: read('Resolution') },
          [number, 'state', status, version],
        ),
      );
    }
    return { kind: 'events', events };
  }
}

/**
 * Helix runs the webhook for the bridge's own writes too: a work log the bridge's user submitted, an update it made
 * (`Last Modified By`), an incident it created (a mirrored order) is its own write coming back, dropped, or it
 * would loop.
 */
function echoOf(webhook: BmcHelixWebhook, integrationUser: string | undefined): string | undefined {
  if (!integrationUser) return undefined;
  const author = webhook.event === 'worklog.added' ? webhook.workLog?.Submitter : webhook.incident['Last Modified By'];
  if (author !== integrationUser) return undefined;
  const what = webhook.event === 'worklog.added' ? 'given a work log' : webhook.event === 'incident.created' ? 'created' : 'updated';
  return `echo: incident ${webhook.incident['Incident Number']} was ${what} by the bridge itself (${integrationUser})`;
}
