import type { AxiosInstance } from 'axios';
import type { ClientConfig, OutboundKind } from '@bridge/clients-config';
import { htmlToText } from '../html-text';
import type { OutboundAdapter, RenderedUpdate, RequestPreview, SendResult } from '../outbound/outbound-adapter';
import type { RecordIdRules } from '../outbound/record-ids';
import { FixedDefaults, outboundBase } from '../outbound/fixed-defaults';
import { ACTIVITY_CHANGE, ASSIGNMENT_GROUP, AWAITING_CUSTOMER_NOTE, EXTERNALLY_QUEUED_NOTE, INTERACTION_TEXT, MIRROR_DESCRIPTION, MIRROR_SUMMARY, STATE_CODE, lastInteraction } from '../outbound/template-parts';
import { holdsFields } from '../outbound/fields-hold';
import { sendResultOf } from '../outbound/send-result';
import { UndecidedCheck } from '../outbound/record-lookup';
import { ArEntry, entryPath, equals, findEntries, requestIdOf } from './ar-rest';
import { HELIX_CORRELATION_FIELD, HELIX_FORMS } from './bmc-helix-defaults';
import type { JournalEntry } from '../outbound/written-by-bridge';
import { EarlierAttempt, JournalRules, entryLeftOut, entryProof } from '../outbound/earlier-attempt';

/**
 * BMC Helix ITSM's defaults (the AR System REST API, `Authorization: AR-JWT …` from `outbound.auth.type: ar-jwt`).
 * A template renders `workLog` (text; `"public": true` for a work log the customer sees) and `fields`, the
 * incident fields to set under their AR System names (`Status`, `Status_Reason`, `Resolution`, `Assigned Group`).
 * The incident is found by its number on `HPD:IncidentInterface`; one `PUT` of the fields, then the work log to
 * `HPD:WorkLog`, last, so that it proves the whole update arrived (a work log is an entry of its own form, not an
 * edit of the incident). A close, cancel or reassign leaves out a work log the bridge already wrote (it carries the
 * last interaction); a note never does. Statuses: New, Assigned, In Progress, Pending (with a Status_Reason),
 * Resolved, Closed, Cancelled.
 */
const STATE_CODES: Partial<Record<OutboundKind, string>> = { close: 'Resolved', cancel: 'Cancelled', externally_queued: 'Pending', awaiting_customer_response: 'Pending', activity_ordered: 'In Progress', activity_on_back_order: 'Pending', activity_completed: 'Resolved', activity_cancelled: 'Cancelled', activity_mirror: 'Assigned' };

const ACTIVITY_LOG = `"workLog": ${ACTIVITY_CHANGE}`;
const status = (extra = '') => `"fields": {"Status": ${STATE_CODE}${extra}}`;

const TEMPLATES: Record<OutboundKind, string> = {
  note: `{"workLog": ${INTERACTION_TEXT}}`,
  close: `{"workLog": ${lastInteraction('Resolved at Tangoe')}, ${status(`, "Status_Reason": "No Further Action Required", "Resolution": ${lastInteraction('Resolved at Tangoe')}`)}}`,
  cancel: `{"workLog": ${lastInteraction('Cancelled at Tangoe')}, ${status()}}`,
  reassign: `{"workLog": ${lastInteraction('Reassigned back by Tangoe')}, "fields": {"Assigned Group": ${ASSIGNMENT_GROUP}}}`,
  externally_queued: `{"workLog": ${EXTERNALLY_QUEUED_NOTE}, ${status(', "Status_Reason": "Supplier Delivery"')}}`,
  awaiting_customer_response: `{"workLog": ${AWAITING_CUSTOMER_NOTE}, ${status(', "Status_Reason": "Client Action Required"')}}`,
  activity_ordered: `{${ACTIVITY_LOG}, ${status()}}`,
  activity_on_back_order: `{${ACTIVITY_LOG}, ${status(', "Status_Reason": "Supplier Delivery"')}}`,
  activity_completed: `{${ACTIVITY_LOG}, ${status(', "Status_Reason": "No Further Action Required", "Resolution": "Completed at Tangoe"')}}`,
  activity_cancelled: `{${ACTIVITY_LOG}, ${status()}}`,
  activity_mirror:
    `{"create": {"Description": ${MIRROR_SUMMARY}, "Detailed_Decription": ${MIRROR_DESCRIPTION}, "Status": ${STATE_CODE}, ` +
    '"Impact": "4-Minor/Localized", "Urgency": "4-Low", "Reported Source": "Other", "Service_Type": "User Service Request", "First_Name": "Tangoe", "Last_Name": "Bridge"}}',
};

interface BmcHelixUpdate {
  workLog?: string;
  public?: boolean;
  fields?: Record<string, unknown>;
  create?: Record<string, unknown>;
}

/** The work log's summary (`Description`, a short field): its text's first line, cut to fit. */
const SUMMARY_LENGTH = 100;

/** An incident's number: its prefix and digits (`INC000000000101`). */
const RECORD_IDS: RecordIdRules = { number: /^[A-Za-z]{1,10}[0-9]{1,20}$/, example: 'INC000000000101' };

export class BmcHelixOutbound extends FixedDefaults(TEMPLATES, STATE_CODES) implements OutboundAdapter {
  readonly recordIds = RECORD_IDS;

  preview(update: RenderedUpdate, client: ClientConfig): RequestPreview[] {
    const base = outboundBase(client);
    const body = update.body as BmcHelixUpdate;
    if (update.create) return [{ method: 'POST', url: `${base}${entryPath(HELIX_FORMS.create)}?fields=values(Incident Number)`, body: { values: createValues(body, update.recordNumber) } }];
    const incident = incidentQuery(update);
    const requests: RequestPreview[] = [{ method: 'GET', url: `${base}${entryPath(HELIX_FORMS.incident)}?q=${incident}`, body: undefined }];
    if (hasFields(body)) requests.push({ method: 'PUT', url: `${base}${entryPath(HELIX_FORMS.incident)}/{Request ID}`, body: { values: body.fields } });
    if (body.workLog) {
      requests.push({ method: 'GET', url: `${base}${entryPath(HELIX_FORMS.workLog)}?q=${equals('Incident Number', '{Incident Number}')}`, body: undefined });
      requests.push({ method: 'POST', url: `${base}${entryPath(HELIX_FORMS.workLog)}`, body: { values: workLogValues(body, '{Incident Number}') } });
    }
    return requests;
  }

  /**
   * Before a send again: a create made the incident if one carries the activity's correlation id; an update with a
   * work log is there if this delivery's work log is (written last), or, when its text was the bridge's already and
   * so not written, if the incident holds its fields.
   */
  async alreadyApplied(http: AxiosInstance, update: RenderedUpdate, client: ClientConfig, earlier: EarlierAttempt): Promise<boolean> {
    const body = update.body as BmcHelixUpdate;
    if (!update.create && !body.workLog) return false;
    const found = await findIncident(http, update, {}, hasFields(body) ? Object.keys(body.fields) : []);
    if (found.answer) throw new UndecidedCheck(found.answer);
    if (update.create || !found.entry) return found.entry !== undefined;
    const logs = await workLogsOf(http, found.entry, update, {});
    if (!Array.isArray(logs)) throw new UndecidedCheck(logs);
    return entryProof(JOURNAL, logs, update, client, earlier) ?? holdsFields(found.entry.values, body.fields ?? {});
  }

  /**
   * The fields first (a full-state `PUT`), the work log last: the log found at the incident proves the whole update.
   * On a send after an earlier attempt (`earlier`), fields the incident already holds are left.
   */
  async send(http: AxiosInstance, update: RenderedUpdate, client: ClientConfig, headers: Record<string, string>, earlier?: EarlierAttempt): Promise<SendResult> {
    const body = update.body as BmcHelixUpdate;
    if (update.create) {
      const created = await http.post(entryPath(HELIX_FORMS.create), { values: createValues(body, update.recordNumber) }, { headers, params: { fields: 'values(Incident Number)' } });
      const number = (created.data as { values?: { 'Incident Number'?: string } })?.values?.['Incident Number'];
      return { ...sendResultOf(created), created: number ? { id: number, number } : undefined };
    }
    const found = await findIncident(http, update, headers, earlier && hasFields(body) ? Object.keys(body.fields) : []);
    if (!found.entry) return found.answer ?? { status: 404, body: `no Helix incident with ${incidentQuery(update)}` };
    const number = String(found.entry.values['Incident Number'] ?? update.recordNumber);
    let answer: SendResult = { status: 204, body: 'nothing to send' };
    if (hasFields(body) && !(earlier && holdsFields(found.entry.values, body.fields))) {
      const requestId = requestIdOf(found.entry);
      if (!requestId) return { status: 502, body: `Helix answered incident ${number} without its Request ID` };
      answer = sendResultOf(await http.put(entryPath(HELIX_FORMS.incident, requestId), { values: body.fields }, { headers }));
      if (answer.status < 200 || answer.status >= 300) return answer;
    }
    if (body.workLog) {
      const logs = await workLogsOf(http, found.entry, update, headers);
      if (!Array.isArray(logs)) return logs;
      if (!entryLeftOut(JOURNAL, logs, update, client, earlier)) answer = sendResultOf(await http.post(entryPath(HELIX_FORMS.workLog), { values: workLogValues(body, number) }, { headers }));
    }
    return answer;
  }
}

/** An update's work log is its journal entry; a repeat is left out of all but a note. */
const JOURNAL: JournalRules = { textOf: (update) => (update.body as BmcHelixUpdate).workLog || undefined, leavesOutRepeats: true };

/**
 * The incident's work logs as journal entries, each read as written and as rich text (someone may have written one
 * so; plain text with `<` in it is not markup): an answer that is no list is passed on.
 */
async function workLogsOf(http: AxiosInstance, incident: ArEntry, update: RenderedUpdate, headers: Record<string, string>): Promise<JournalEntry[] | SendResult> {
  const number = String(incident.values['Incident Number'] ?? update.recordNumber);
  const logs = await findEntries(http, HELIX_FORMS.workLog, equals('Incident Number', number), ['Detailed Description', 'Submitter', 'Submit Date'], headers);
  if (logs.response.status !== 200) return sendResultOf(logs.response);
  return logs.entries.map((log) => {
    const stored = String(log.values['Detailed Description'] ?? '');
    return { author: log.values.Submitter, text: [stored, htmlToText(stored)], createdAt: log.values['Submit Date'] };
  });
}

/** The qualification that finds the update's incident: by its number, or a mirror's by its correlation id. */
function incidentQuery(update: RenderedUpdate): string {
  return equals(update.lookupField ? HELIX_CORRELATION_FIELD : 'Incident Number', update.recordNumber);
}

async function findIncident(http: AxiosInstance, update: RenderedUpdate, headers: Record<string, string>, fields: readonly string[] = []): Promise<{ entry?: ArEntry; answer?: SendResult }> {
  const found = await findEntries(http, HELIX_FORMS.incident, incidentQuery(update), [...new Set(['Request ID', 'Incident Number', 'Status', ...fields])], headers);
  return found.response.status === 200 ? { entry: found.entries[0] } : { answer: sendResultOf(found.response) };
}

function hasFields(update: BmcHelixUpdate): update is BmcHelixUpdate & { fields: Record<string, unknown> } {
  return update.fields !== undefined && Object.keys(update.fields).length > 0;
}

function workLogValues(update: BmcHelixUpdate, incidentNumber: string): Record<string, string> {
  const text = update.workLog ?? '';
  return {
    'Incident Number': incidentNumber,
    Description: text.split('\n')[0].slice(0, SUMMARY_LENGTH),
    'Detailed Description': text,
    'Work Log Type': 'General Information',
    'View Access': update.public === true ? 'Public' : 'Internal',
    'Secure Work Log': 'No',
  };
}

/** A mirror: `HPD:IncidentInterface_Create`'s fields, its CREATE action and the correlation id that finds it again. */
function createValues(update: BmcHelixUpdate, correlationId: string): Record<string, unknown> {
  return { ...(update.create ?? {}), z1D_Action: 'CREATE', [HELIX_CORRELATION_FIELD]: correlationId };
}
