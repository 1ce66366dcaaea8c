import type { AxiosInstance } from 'axios';
import type { ClientConfig, OutboundKind } from '@bridge/clients-config';
import type { OutboundAdapter, RenderedUpdate, RequestPreview, SendResult } from '../outbound/outbound-adapter';
import { sendResultOf } from '../outbound/send-result';
import { RecordLookup, existsOrUndecided, recordLookupOf } from '../outbound/record-lookup';
import { adfToText, textToAdf } from './adf';
import { FixedDefaultsOutbound, outboundBase } from '../outbound/fixed-defaults';
import { writtenByBridge } from '../outbound/written-by-bridge';

/**
 * Jira's defaults. A template renders what to do to the issue, and the adapter makes the calls of Jira Cloud's
 * REST API v3 for it, in this order: `comment` (text, posted as ADF; `"public": false` makes it internal in Jira
 * Service Management), `transition` (by name, found among the issue's transitions, with an optional `resolution`),
 * `assignee` (an accountId). State codes are transition names, since transition ids differ per workflow. An
 * activity's mirror is `create`: the issue's fields, with a label that finds it again.
 */
const STATE_CODES: Partial<Record<OutboundKind, string>> = {
  close: 'Done',
  cancel: 'Canceled',
  externally_queued: 'Pending',
  awaiting_customer_response: 'Waiting for customer',
  activity_completed: 'Done',
  activity_cancelled: 'Canceled',
};

const last = (fallback: string) => `{{ support_request.interactions.last.text | default: "${fallback}" | json }}`;
const ACTIVITY_NOTE = '"comment": {{ "Tangoe order " | append: activity.ticket_number | append: " (" | append: activity.activity_type | append: "): " | append: activity.state | json }}';

const TEMPLATES: Record<OutboundKind, string> = {
  note: '{"comment": {{ interaction.text | json }}}',
  close: `{"comment": ${last('Closed at Tangoe')}, "transition": {{ state_code | json }}, "resolution": "Done"}`,
  cancel: `{"comment": ${last('Canceled at Tangoe')}, "transition": {{ state_code | json }}}`,
  reassign: `{"comment": ${last('Reassigned back by Tangoe')}, "assignee": {{ assignment_group | json }}}`,
  externally_queued: '{"comment": "Tangoe: Externally Queued, pending information from a third party.", "transition": {{ state_code | json }}}',
  awaiting_customer_response: '{"comment": "Tangoe: Awaiting Customer Response.", "transition": {{ state_code | json }}}',
  activity_ordered: `{${ACTIVITY_NOTE}}`,
  activity_on_back_order: `{${ACTIVITY_NOTE}}`,
  activity_completed: `{${ACTIVITY_NOTE}, "transition": {{ state_code | json }}, "resolution": "Done"}`,
  activity_cancelled: `{${ACTIVITY_NOTE}, "transition": {{ state_code | json }}}`,
  activity_mirror:
    '{"create": {"project": {"key": {{ client.project | json }}}, "issuetype": {"name": "Task"}, ' +
    '"summary": {{ "Tangoe order " | append: activity.ticket_number | append: ": " | append: activity.activity_type | json }}, ' +
    '"description": {{ "Mirrored from Tangoe Mobile. Ticket " | append: activity.ticket_number | append: ", for " | append: activity.user_name | json }}}}',
};

interface JiraUpdate {
  comment?: string;
  public?: boolean;
  transition?: string;
  resolution?: string;
  assignee?: string;
  create?: Record<string, unknown>;
}

export class JiraOutbound extends FixedDefaultsOutbound implements OutboundAdapter {
  constructor() {
    super(TEMPLATES, STATE_CODES);
  }

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

  /** After an unanswered send: a create made the issue if one carries its label; other steps check themselves. */
  async alreadyApplied(http: AxiosInstance, update: RenderedUpdate): Promise<boolean> {
    return update.create ? existsOrUndecided(await findByLabel(http, update.recordNumber, {})) : false;
  }

  /**
   * Each step looks before it writes (the comment among the issue's latest, the status it would move to), so a send
   * that failed half-way can be sent again without writing anything twice.
   */
  async send(http: AxiosInstance, update: RenderedUpdate, client: ClientConfig, headers: Record<string, string>): Promise<SendResult> {
    const body = update.body as JiraUpdate;
    if (update.create) {
      const created = await http.post('/rest/api/3/issue', { fields: createFields(body, update.recordNumber) }, { headers });
      const data = created.data as { id?: string; key?: string };
      return { ...sendResultOf(created), created: data?.id ? { id: data.id, number: data.key } : undefined };
    }
    let key = update.recordNumber;
    if (update.lookupField) {
      const found = await findByLabel(http, update.recordNumber, headers);
      if (found.failed) return found.failed;
      if (!found.id) return { status: 404, body: `no Jira issue labelled ${update.recordNumber}` };
      key = found.id;
    }
    const issuePath = `/rest/api/3/issue/${encodeURIComponent(key)}`;
    let answer: SendResult = { status: 204, body: '' };
    if (body.comment) {
      const comments = await http.get(`${issuePath}/comment`, { headers, params: { orderBy: '-created', maxResults: 50 } });
      if (comments.status !== 200) return sendResultOf(comments);
      const present = ((comments.data as { comments?: Array<{ body: unknown; author?: { accountId?: string } }> }).comments ?? []).some(
        (comment) => writtenByBridge(comment.author?.accountId, client) && adfToText(comment.body) === body.comment,
      );
      if (!present) {
        answer = sendResultOf(await http.post(`${issuePath}/comment`, commentBody(body), { headers }));
        if (!ok(answer)) return answer;
      }
    }
    if (body.transition) {
      const transitions = await http.get(`${issuePath}/transitions`, { headers });
      if (transitions.status !== 200) return sendResultOf(transitions);
      const listed = (transitions.data as { transitions?: Array<{ id: string; name: string; to?: { name?: string } }> }).transitions ?? [];
      const wanted = body.transition.toLowerCase();
      const transition = listed.find((candidate) => candidate.name.toLowerCase() === wanted || candidate.to?.name?.toLowerCase() === wanted);
      const issue = await http.get(issuePath, { headers, params: { fields: 'status' } });
      const status = (issue.data as { fields?: { status?: { name?: string } } })?.fields?.status?.name;
      if (status?.toLowerCase() !== wanted) {
        if (!transition) return { status: 422, body: `the issue ${key} has no transition "${body.transition}" from "${status ?? 'its status'}"` };
        answer = sendResultOf(await http.post(`${issuePath}/transitions`, { transition: { id: transition.id }, ...(body.resolution ? { fields: { resolution: { name: body.resolution } } } : {}) }, { headers }));
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

function labelQuery(label: string): string {
  return `labels = "${label.replace(/["\\]/g, '')}"`;
}

async function findByLabel(http: AxiosInstance, label: string, headers: Record<string, string>): Promise<RecordLookup> {
  const found = await http.get('/rest/api/3/search', { headers, params: { jql: labelQuery(label), fields: 'key', maxResults: 1 } });
  return recordLookupOf(found, (data) => (data as { issues?: Array<{ key: string }> }).issues?.[0]?.key);
}

function ok(answer: SendResult): boolean {
  return answer.status >= 200 && answer.status < 300;
}
