import type { AxiosInstance } from 'axios';
import { resolveSecret } from '@bridge/clients-config';
import type { ClientConfig, OutboundKind } from '@bridge/clients-config';
import { standardWebhookHeaders } from '@bridge/webhook-security';
import type { OutboundAdapter, RenderedUpdate, RequestPreview, SendResult } from '../outbound/outbound-adapter';
import { sendResultOf } from '../outbound/send-result';
import { ASSIGNMENT_GROUP, INTERACTION_TEXT } from '../outbound/template-parts';

/** An activity's state and every detail Tangoe gave, as they are. */
const ACTIVITY_FACTS = '{"activity": {{ activity | json }}, "record": {{ record | json }}}';

/** The body templates of a generic endpoint: plain facts, for the receiver to map. */
const TEMPLATES: Record<OutboundKind, string> = {
  note: `{"text": ${INTERACTION_TEXT}}`,
  close: '{"state": "closed", "note": {{ support_request.interactions.last.text | json }}}',
  cancel: '{"state": "canceled", "note": {{ support_request.interactions.last.text | json }}}',
  reassign: `{"state": "reassigned", "assignment_group": ${ASSIGNMENT_GROUP}}`,
  externally_queued: '{"state": "externally_queued"}',
  awaiting_customer_response: '{"state": "awaiting_customer_response"}',
  activity_ordered: ACTIVITY_FACTS,
  activity_on_back_order: ACTIVITY_FACTS,
  activity_completed: ACTIVITY_FACTS,
  activity_cancelled: ACTIVITY_FACTS,
  activity_mirror: ACTIVITY_FACTS,
};

/**
 * A client endpoint that takes webhooks rather than an ITSM API: one POST per update, `{type, timestamp, data}`,
 * with Standard Webhooks' `webhook-id`, `webhook-timestamp` and `webhook-signature` headers, so the receiver can
 * verify it and de-duplicate retries by id.
 */
export class GenericWebhookOutbound implements OutboundAdapter {
  constructor(private readonly now: () => Date = () => new Date()) {}

  defaultTemplates(): Record<OutboundKind, string> {
    return TEMPLATES;
  }

  defaultStateCodes(): Partial<Record<OutboundKind, string>> {
    return {};
  }

  preview(update: RenderedUpdate, client: ClientConfig): RequestPreview[] {
    return [{ method: 'POST', url: client.outbound!.baseUrl, body: this.payload(update, client, this.now()) }];
  }

  async send(http: AxiosInstance, update: RenderedUpdate, client: ClientConfig, headers: Record<string, string>): Promise<SendResult> {
    const at = this.now();
    const body = JSON.stringify(this.payload(update, client, at));
    const secret = resolveSecret(client.outbound!.signingSecret!, client.id, 'outbound.signingSecret');
    const response = await http.post('', body, {
      headers: { ...headers, 'content-type': 'application/json', ...standardWebhookHeaders(secret, headers['webhook-id'], at, body) },
      transformRequest: (data) => data,
    });
    return sendResultOf(response);
  }

  private payload(update: RenderedUpdate, client: ClientConfig, at: Date) {
    const activity = update.kind.startsWith('activity_');
    const type = activity ? update.kind.replace(/^activity_/, 'activity.') : `ticket.${update.kind}`;
    return { type, timestamp: at.toISOString(), data: { client: client.id, ...(activity ? {} : { ticket: update.recordNumber }), ...update.body } };
  }
}
