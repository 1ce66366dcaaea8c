import { isObject, unwrapApiRecord } from '../api-record';
import type { InboundReading, ItsmDialect, RecordView } from '../dialect';
import { htmlToText } from '../html-text';
import { InboundPayloadError } from '../itsm-adapter';
import { readPath } from '../read-path';
import { parseInbound } from '../validation-problems';
import { PastedBody } from '../pasted-body';
import { BMC_HELIX_CLIENT_STATES, BMC_HELIX_DEFAULT_FIELDS, BMC_HELIX_WEBHOOK_BODY } from './bmc-helix-defaults';
import { BmcHelixIncident, BmcHelixWebhook } from './bmc-helix-webhook';
import { listedComments, statusChange } from '../readings';

/**
 * BMC Helix ITSM as the bridge reads it: the documented webhook body (`BMC_HELIX_WEBHOOK_BODY`), or an incident as
 * the AR REST API returns it (`GET /api/arsys/v1/entry/HPD:IncidentInterface/{id}`: `{"values": …, "_links": …}`,
 * field names with their spaces, dates as "2022-06-21T16:23:14.000+0000").
 */
export const BMC_HELIX_DIALECT: ItsmDialect = {
  readsStatusSetter: true,
  defaultFields: BMC_HELIX_DEFAULT_FIELDS,
  clientStates: () => BMC_HELIX_CLIENT_STATES,
  htmlFacts: ['description'],
  // AR System substitutes $Field$ references as they are; the admin writes the event in place of incident.updated.
  pastedBodies: [new PastedBody(BMC_HELIX_WEBHOOK_BODY, /\$[^$"\n]+\$/g, ['incident.updated'])],
  read(payload) {
    const api = unwrapApiRecord(singleEntry(payload), 'values', (value) => 'Incident Number' in value && !(isObject(payload) && 'event' in payload));
    return api ? readApiEntry(parseInbound(BmcHelixIncident, api), []) : readWebhook(parseInbound(BmcHelixWebhook, payload));
  },
  readApi(record, workLogs) {
    const api = unwrapApiRecord(record, 'values', (value) => 'Incident Number' in value);
    if (!api) throw new InboundPayloadError([{ field: 'values.Incident Number', problem: 'must be an HPD:IncidentInterface entry' }]);
    return readApiEntry(parseInbound(BmcHelixIncident, api), workLogs);
  },
};

/** A query's answer (`{"entries": [ … ]}`) of exactly one entry is that entry; of more, it is refused as no record. */
function singleEntry(payload: unknown): unknown {
  if (!isObject(payload) || !Array.isArray(payload.entries)) return payload;
  if (payload.entries.length !== 1) throw new InboundPayloadError([{ field: 'entries', problem: `must hold one entry to read it as a record, not ${payload.entries.length}` }]);
  return payload.entries[0];
}

function readWebhook(webhook: BmcHelixWebhook): InboundReading {
  const { incident, workLog } = webhook;
  const number = incident['Incident Number'];
  const status = incident.Status ?? '';
  const version = incident['Last Modified Date'] ?? '';
  const record = incidentView(incident, 'incident');
  const id = workLog?.['Work Log ID'];
  return {
    change: webhook.event === 'worklog.added' ? 'commented' : webhook.event === 'incident.created' ? 'created' : 'updated',
    record,
    actor: webhook.event === 'worklog.added' ? workLog?.Submitter : incident['Last Modified By'],
    comments:
      webhook.event === 'worklog.added' && workLog && id
        ? [{ commentId: id, text: htmlToText(workLog['Detailed Description']), author: workLog.Submitter, authorId: workLog.Submitter, visibility: workLog['View Access'] === 'Public' ? 'public' : 'internal', createdAt: workLog['Submit Date'], idParts: [number, 'worklog', id] }]
        : [],
    status: webhook.event === 'incident.updated' && status ? statusChange(number, status, version, { changedAt: incident['Last Modified Date'], note: record.read('Resolution') }) : undefined,
  };
}

/**
 * An incident read from the AR REST API: as it is now, with its work logs as a query of HPD:WorkLog returns them
 * (`{values: {Work Log ID, Detailed Description, View Access, Submitter, Submit Date}}`), each with the id its
 * webhook gives.
 */
function readApiEntry(incident: BmcHelixIncident, workLogs: readonly unknown[]): InboundReading {
  const number = incident['Incident Number'];
  const record = incidentView(incident, 'values');
  const status = incident.Status;
  const version = incident['Last Modified Date'] ?? '';
  return {
    change: 'read',
    record,
    createdBy: typeof incident.Submitter === 'string' ? incident.Submitter : undefined,
    comments: listedComments(number, 'worklog', workLogs, (entry) => {
      const log = isObject(entry.values) ? entry.values : entry;
      const submitter = typeof log.Submitter === 'string' ? log.Submitter : undefined;
      return {
        id: typeof log['Work Log ID'] === 'string' ? log['Work Log ID'] : undefined,
        text: typeof log['Detailed Description'] === 'string' ? htmlToText(log['Detailed Description']) : '',
        author: submitter,
        authorId: submitter,
        visibility: log['View Access'] === 'Public' ? 'public' : 'internal',
        createdAt: log['Submit Date'],
      };
    }),
    status: status ? statusChange(number, status, version, { changedAt: version, note: record.read('Resolution'), by: incident['Last Modified By'] }) : undefined,
  };
}

function incidentView(incident: BmcHelixIncident, at: string): RecordView {
  const number = incident['Incident Number'];
  // An entry read from the API has the caller's first and last name where the webhook body has the full name.
  const fullName = () => [readPath(incident, 'First Name'), readPath(incident, 'Last Name')].filter(Boolean).join(' ') || undefined;
  const read = (name: string) => readPath(incident, name) ?? (name === 'Full Name' ? fullName() : undefined);
  return { key: number, idParts: [number], label: `incident ${number}`, recordType: 'incident', openedAt: read('Submit Date'), read, pathOf: (name) => `${at}.${name}` };
}
