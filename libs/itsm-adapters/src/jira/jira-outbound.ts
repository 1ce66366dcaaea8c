import type { AxiosInstance } from 'axios';
import type { ClientConfig, OutboundKind } from '@bridge/clients-config';
import type { OutboundAdapter, RenderedUpdate, RequestPreview, SendResult } from '../outbound/outbound-adapter';
import { sendResultOf } from '../outbound/send-result';
import type { RecordIdRules } from '../outbound/record-ids';
import { RecordLookup, UndecidedCheck, existsOrUndecided, recordIdOf, recordIdToCheck, recordLookupOf } from '../outbound/record-lookup';
import { adfToText, textToAdf } from './adf';
import { FixedDefaults, outboundBase } from '../outbound/fixed-defaults';
import { ACTIVITY_CHANGE, ASSIGNMENT_GROUP, AWAITING_CUSTOMER_NOTE, EXTERNALLY_QUEUED_NOTE, INTERACTION_TEXT, MIRROR_DESCRIPTION, MIRROR_SUMMARY, STATE_CODE, lastInteraction } from '../outbound/template-parts';
import { JournalEntry, writtenByBridge } from '../outbound/written-by-bridge';
import { EarlierAttempt, JournalRules, entryLeftOut, entryProof, traceLanded } from '../outbound/earlier-attempt';

/**
 * Jira's defaults. A template renders what to do to the issue, and the adapter makes the calls of Jira Cloud's
 * REST API v3 for it, in this order: `comment` (text, posted as ADF; `"public": false` makes it internal in Jira
 * Service Management), `transition` (by name, found among the issue's transitions, with an optional `resolution`),
 * `assignee` (an accountId); the comment first, since a workflow may forbid comments on a closed issue. State codes are transition names, since transition ids differ per workflow. An
 * activity's mirror is `create`: the issue's fields, with a label that finds it again.
 */
const STATE_CODES: Partial<Record<OutboundKind, string>> = { close: 'Done', cancel: 'Canceled', externally_queued: 'Pending', awaiting_customer_response: 'Waiting for customer', activity_completed: 'Done', activity_cancelled: 'Canceled' };

const TRANSITION = `"transition": ${STATE_CODE}`;
const ACTIVITY_NOTE = `"comment": ${ACTIVITY_CHANGE}`;

const TEMPLATES: Record<OutboundKind, string> = {
  note: `{"comment": ${INTERACTION_TEXT}}`,
  close: `{"comment": ${lastInteraction('Closed at Tangoe')}, ${TRANSITION}, "resolution": "Done"}`,
  cancel: `{"comment": ${lastInteraction('Canceled at Tangoe')}, ${TRANSITION}}`,
  reassign: `{"comment": ${lastInteraction('Reassigned back by Tangoe')}, "assignee": ${ASSIGNMENT_GROUP}}`,
  externally_queued: `{"comment": ${EXTERNALLY_QUEUED_NOTE}, ${TRANSITION}}`,
  awaiting_customer_response: `{"comment": ${AWAITING_CUSTOMER_NOTE}, ${TRANSITION}}`,
  activity_ordered: `{${ACTIVITY_NOTE}}`,
  activity_on_back_order: `{${ACTIVITY_NOTE}}`,
  activity_completed: `{${ACTIVITY_NOTE}, ${TRANSITION}, "resolution": "Done"}`,
  activity_cancelled: `{${ACTIVITY_NOTE}, ${TRANSITION}}`,
  activity_mirror: `{"create": {"project": {"key": {{ client.project | json }}}, "issuetype": {"name": "Task"}, "summary": ${MIRROR_SUMMARY}, "description": ${MIRROR_DESCRIPTION}}}`,
};

interface JiraUpdate {
  comment?: string;
  public?: boolean;
  transition?: string;
  resolution?: string;
  assignee?: string;
  create?: Record<string, unknown>;
}

/** An issue key: the project's key, a dash, the issue's number (`MOB-12`). */
const RECORD_IDS: RecordIdRules = { number: /^[A-Za-z][A-Za-z0-9_]{0,254}-[0-9]{1,18}$/, example: 'MOB-12' };

export class JiraOutbound extends FixedDefaults(TEMPLATES, STATE_CODES) implements OutboundAdapter {
  readonly recordIds = RECORD_IDS;

  preview(update: RenderedUpdate, client: ClientConfig): RequestPreview[] {
    const base = outboundBase(client);
    const body = update.body as JiraUpdate;
    const issue = `${base}/rest/api/3/issue/${update.lookupField ? '{key}' : update.recordNumber}`;
    if (update.create) return [{ method: 'POST', url: `${base}/rest/api/3/issue`, body: { fields: createFields(body, update.recordNumber) } }];
    const requests: RequestPreview[] = [];
    if (update.lookupField) requests.push({ method: 'GET', url: `${base}/rest/api/3/search?jql=${encodeURIComponent(labelQuery(update.recordNumber))}`, body: undefined });
    if (body.comment) requests.push({ method: 'POST', url: `${issue}/comment`, body: commentBody(body) });
    if (body.transition) {
      requests.push({ method: 'GET', url: `${issue}/transitions`, body: undefined });
      requests.push({ method: 'POST', url: `${issue}/transitions`, body: { transition: { id: `{the id of "${body.transition}"}` }, ...(body.resolution ? { fields: { resolution: { name: body.resolution } } } : {}) } });
    }
    if (body.assignee) requests.push({ method: 'PUT', url: `${issue}/assignee`, body: { accountId: body.assignee } });
    return requests;
  }

  /**
   * Before a send again: a create made the issue if one carries its label; an update is there when each of its
   * steps that leaves a trace is done by this delivery (ADR 15): its comment (or none of its own to write, the
   * bridge having written the text already), and its status change in the changelog. An assignee alone leaves none
   * that tells this send from another: it is set again.
   */
  async alreadyApplied(http: AxiosInstance, update: RenderedUpdate, client: ClientConfig, earlier: EarlierAttempt): Promise<boolean> {
    if (update.create) return existsOrUndecided(await findByLabel(http, update.recordNumber, {}));
    const body = update.body as JiraUpdate;
    if (body.assignee || (!body.comment && !body.transition)) return false;
    const key = await recordIdToCheck(update, () => findByLabel(http, update.recordNumber, {}));
    if (key === undefined) return false;
    if (body.comment) {
      const comments = await commentsOf(http, key, {});
      if (!Array.isArray(comments)) throw new UndecidedCheck(comments);
      if (entryProof(JOURNAL, comments, update, client, earlier) === false) return false;
    }
    if (!body.transition) return true;
    const transitioned = await transitionedSince(http, key, client, earlier, {});
    if (typeof transitioned !== 'boolean') throw new UndecidedCheck(transitioned);
    return transitioned;
  }

  /**
   * The steps in order, each skipped when done: the comment when it is there already (a close's text the bridge
   * wrote as a note; on a send again, a note's own); on a send again (`earlier`), a transition this delivery made;
   * always, a transition to the status the issue already has.
   */
  async send(http: AxiosInstance, update: RenderedUpdate, client: ClientConfig, headers: Record<string, string>, earlier?: EarlierAttempt): Promise<SendResult> {
    const body = update.body as JiraUpdate;
    if (update.create) {
      const created = await http.post('/rest/api/3/issue', { fields: createFields(body, update.recordNumber) }, { headers });
      const data = created.data as { id?: string; key?: string };
      return { ...sendResultOf(created), created: data?.id ? { id: data.id, number: data.key } : undefined };
    }
    const key = await recordIdOf(update, () => findByLabel(http, update.recordNumber, headers));
    if (typeof key !== 'string') return key.failed ?? { status: 404, body: `no Jira issue labelled ${update.recordNumber}` };
    const issuePath = `/rest/api/3/issue/${encodeURIComponent(key)}`;
    let answer: SendResult = { status: 204, body: '' };
    if (body.comment) {
      const comments = await commentsOf(http, key, headers);
      if (!Array.isArray(comments)) return comments;
      if (!entryLeftOut(JOURNAL, comments, update, client, earlier)) {
        answer = sendResultOf(await http.post(`${issuePath}/comment`, commentBody(body), { headers }));
        if (!ok(answer)) return answer;
      }
    }
    if (body.transition) {
      const done = earlier ? await transitionedSince(http, key, client, earlier, headers) : false;
      if (typeof done !== 'boolean') return done;
      if (!done) {
        answer = await transition(http, key, { ...body, transition: body.transition }, headers);
        if (!ok(answer)) return answer;
      }
    }
    if (body.assignee) {
      answer = sendResultOf(await http.put(`${issuePath}/assignee`, { accountId: body.assignee }, { headers }));
      if (!ok(answer)) return answer;
    }
    return answer;
  }
}

/** An update's comment is its journal entry; a repeat is left out of all but a note. */
const JOURNAL: JournalRules = { textOf: (update) => (update.body as JiraUpdate).comment || undefined, leavesOutRepeats: true };

/** The transition to the update's status, found by its name or its target's; none when the issue is there already. */
async function transition(http: AxiosInstance, key: string, body: JiraUpdate & { transition: string }, headers: Record<string, string>): Promise<SendResult> {
  const issuePath = `/rest/api/3/issue/${encodeURIComponent(key)}`;
  const transitions = await http.get(`${issuePath}/transitions`, { headers });
  if (transitions.status !== 200) return sendResultOf(transitions);
  const listed = (transitions.data as { transitions?: Array<{ id: string; name: string; to?: { name?: string } }> }).transitions ?? [];
  const wanted = body.transition.toLowerCase();
  const found = listed.find((candidate) => candidate.name.toLowerCase() === wanted || candidate.to?.name?.toLowerCase() === wanted);
  const issue = await http.get(issuePath, { headers, params: { fields: 'status' } });
  const status = (issue.data as { fields?: { status?: { name?: string } } })?.fields?.status?.name;
  if (status?.toLowerCase() === wanted) return { status: 204, body: `already ${status}` };
  if (!found) return { status: 422, body: `the issue ${key} has no transition "${body.transition}" from "${status ?? 'its status'}"` };
  return sendResultOf(await http.post(`${issuePath}/transitions`, { transition: { id: found.id }, ...(body.resolution ? { fields: { resolution: { name: body.resolution } } } : {}) }, { headers }));
}

/** The issue's 50 newest comments as journal entries, or the answer that could not say. */
async function commentsOf(http: AxiosInstance, key: string, headers: Record<string, string>): Promise<JournalEntry[] | SendResult> {
  const comments = await http.get(`/rest/api/3/issue/${encodeURIComponent(key)}/comment`, { headers, params: { orderBy: '-created', maxResults: 50 } });
  if (comments.status !== 200) return sendResultOf(comments);
  const listed = (comments.data as { comments?: Array<{ body: unknown; author?: { accountId?: string }; created?: string }> }).comments ?? [];
  return listed.map((entry) => ({ author: entry.author?.accountId, text: adfToText(entry.body) ?? '', createdAt: entry.created }));
}

/**
 * Whether this delivery changed the issue's status, or the answer that could not say: the bridge's status changes
 * in the changelog (who and when), counted against the earlier deliveries of the issue that asked for a transition
 * (`traceLanded`: a close sent right after an Awaiting Customer Response must not take that one's change for its own).
 * An earlier one that found its status already set made no change; counted all the same, it can only make a landed
 * transition look missing, and sending it again finds the status already there.
 */
async function transitionedSince(http: AxiosInstance, key: string, client: ClientConfig, earlier: EarlierAttempt, headers: Record<string, string>): Promise<boolean | SendResult> {
  const issue = await http.get(`/rest/api/3/issue/${encodeURIComponent(key)}`, { headers, params: { fields: 'status', expand: 'changelog' } });
  if (issue.status !== 200) return sendResultOf(issue);
  const histories = (issue.data as { changelog?: { histories?: JiraHistory[] } }).changelog?.histories ?? [];
  const changes = histories
    .filter((history) => writtenByBridge(history.author?.accountId, client) && (history.items ?? []).some((item) => item.field === 'status'))
    .map((history) => ({ createdAt: history.created }));
  const transitioning = earlier.deliveredBefore.filter((delivery) => (delivery.update.body as JiraUpdate).transition);
  return traceLanded(changes, transitioning, earlier.since);
}

interface JiraHistory {
  author?: { accountId?: string };
  created?: string;
  items?: Array<{ field?: string }>;
}

function commentBody(update: JiraUpdate): Record<string, unknown> {
  return {
    body: textToAdf(update.comment ?? ''),
    // Jira Service Management's internal note; plain Jira ignores the property.
    ...(update.public === false ? { properties: [{ key: 'sd.public.comment', value: { internal: true } }] } : {}),
  };
}

/** The mirror's fields: the description as ADF, and the label later updates find it by. */
function createFields(update: JiraUpdate, label: string): Record<string, unknown> {
  const fields = { ...(update.create ?? {}) };
  if (typeof fields.description === 'string') fields.description = textToAdf(fields.description);
  fields.labels = [...((fields.labels as string[] | undefined) ?? []), label];
  return fields;
}

/** A JQL string literal: its quote and backslash escaped with a backslash, as JQL reads them, so the value stays one value. */
function labelQuery(label: string): string {
  return `labels = "${label.replace(/["\\]/g, (character) => `\\${character}`)}"`;
}

async function findByLabel(http: AxiosInstance, label: string, headers: Record<string, string>): Promise<RecordLookup> {
  const found = await http.get('/rest/api/3/search', { headers, params: { jql: labelQuery(label), fields: 'key', maxResults: 1 } });
  return recordLookupOf(found, (data) => (data as { issues?: Array<{ key: string }> }).issues?.[0]?.key);
}

function ok(answer: SendResult): boolean {
  return answer.status >= 200 && answer.status < 300;
}
