import type { AxiosInstance } from 'axios';
import type { ClientConfig, OutboundKind } from '@bridge/clients-config';
import type { OutboundAdapter, RenderedUpdate, RequestPreview, SendResult } from '../outbound/outbound-adapter';

/**
 * ServiceNow's defaults (issue: close = 7 with a close code and close notes, resolve = 6, cancel = 8, note =
 * work_notes, reassign = assignment_group; an sc_req_item closes complete with 3). The close body extends the
 * seed's closure payload `{number, state, work_notes}`.
 */
const INCIDENT_CODES: Partial<Record<OutboundKind, string>> = { close: '7', cancel: '8', externally_queued: '3', awaiting_customer_response: '3' };
const REQUEST_ITEM_CODES: Partial<Record<OutboundKind, string>> = { close: '3', cancel: '4', externally_queued: '2', awaiting_customer_response: '2' };

const TEMPLATES: Record<OutboundKind, string> = {
  note: '{"work_notes": {{ interaction.text | json }}}',
  close:
    '{"number": {{ support_request.external_source_id | json }}, "state": {{ state_code | json }}, "close_code": {{ close_code | json }}, ' +
    '"close_notes": {{ support_request.interactions.last.text | default: "Closed at Tangoe" | json }}, "work_notes": {{ support_request.interactions.last.text | default: "Closed at Tangoe" | json }}}',
  cancel: '{"state": {{ state_code | json }}, "work_notes": {{ support_request.interactions.last.text | default: "Canceled at Tangoe" | json }}}',
  reassign: '{"assignment_group": {{ assignment_group | json }}, "work_notes": {{ support_request.interactions.last.text | default: "Reassigned back by Tangoe" | json }}}',
  externally_queued: '{"state": {{ state_code | json }}, "work_notes": "Tangoe: Externally Queued, pending information from a third party."}',
  awaiting_customer_response: '{"state": {{ state_code | json }}, "work_notes": "Tangoe: Awaiting Customer Response."}',
};

export class ServiceNowOutbound implements OutboundAdapter {
  defaultTemplates(): Record<OutboundKind, string> {
    return TEMPLATES;
  }

  defaultStateCodes(client: ClientConfig): Partial<Record<OutboundKind, string>> {
    return table(client) === 'sc_req_item' ? REQUEST_ITEM_CODES : INCIDENT_CODES;
  }

  preview(update: RenderedUpdate, client: ClientConfig): RequestPreview[] {
    const base = `${client.outbound!.baseUrl.replace(/\/$/, '')}/api/now/table/${table(client)}`;
    return [
      { method: 'GET', url: `${base}?sysparm_query=number=${update.recordNumber}&sysparm_fields=sys_id`, body: undefined },
      { method: 'PATCH', url: `${base}/{sys_id}`, body: update.body },
    ];
  }

  /**
   * Field updates are idempotent; only journal text would show twice. It is looked up in sys_journal_field for the
   * record before an update whose earlier send had no answer is sent again.
   */
  async alreadyApplied(http: AxiosInstance, update: RenderedUpdate, client: ClientConfig): Promise<boolean> {
    const text = journalText(update);
    if (!text) return false;
    const found = await http.get(`/api/now/table/${table(client)}`, { params: { sysparm_query: `number=${update.recordNumber}`, sysparm_fields: 'sys_id' } });
    const sysId = (found.data as { result?: Array<{ sys_id: string }> }).result?.[0]?.sys_id;
    if (found.status !== 200 || !sysId) return false;
    const journal = await http.get('/api/now/table/sys_journal_field', { params: { sysparm_query: `element_id=${sysId}^value=${text}`, sysparm_limit: 1 } });
    return journal.status === 200 && ((journal.data as { result?: unknown[] }).result ?? []).length > 0;
  }

  /** The Table API updates by sys_id: find it by number, then PATCH. A missing record is the client's 404. */
  async send(http: AxiosInstance, update: RenderedUpdate, client: ClientConfig, headers: Record<string, string>): Promise<SendResult> {
    const path = `/api/now/table/${table(client)}`;
    const found = await http.get(path, { headers, params: { sysparm_query: `number=${update.recordNumber}`, sysparm_fields: 'sys_id' } });
    if (found.status !== 200) return result(found);
    const sysId = (found.data as { result?: Array<{ sys_id: string }> }).result?.[0]?.sys_id;
    if (!sysId) return { status: 404, body: `no ${table(client)} with number ${update.recordNumber}` };
    return result(await http.patch(`${path}/${sysId}`, update.body, { headers }));
  }
}

/** The journal text an update writes, the part of it that would show twice if it were sent twice. */
function journalText(update: RenderedUpdate): string | undefined {
  const value = update.body.work_notes ?? update.body.comments;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function table(client: ClientConfig): 'incident' | 'sc_req_item' {
  return client.outbound?.recordType ?? 'incident';
}

function result(response: { status: number; data: unknown; headers: Record<string, unknown> }): SendResult {
  const body = typeof response.data === 'string' ? response.data : JSON.stringify(response.data ?? '');
  const retryAfter = response.headers['retry-after'];
  return { status: response.status, body: body.slice(0, 2_000), retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined };
}
