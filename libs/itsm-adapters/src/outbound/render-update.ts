import { ACTIVITY_DETAIL_FIELDS } from '@bridge/contracts';
import type { ClientConfig } from '@bridge/clients-config';
import { TemplateError, TemplateRenderer } from '@bridge/templating';
import type { ActivityTarget } from './activity-target';
import type { OutboundAdapter, RenderedUpdate } from './outbound-adapter';
import type { OutboundUpdate } from './outbound-update';
import { checkedUpdate } from './record-ids';

const renderer = new TemplateRenderer();

/**
 * Renders an update with the client's template for its kind, or the adapter's default. The context offers the
 * seed's own names (`support_request.external_source_id`, `support_request.interactions.last.text`) and, for an
 * activity, its details in Tangoe's snake_case (`activity.ticket_number`, `activity.tracking_url`, …).
 */
export function renderUpdate(update: OutboundUpdate, client: ClientConfig, adapter: OutboundAdapter, target?: ActivityTarget): RenderedUpdate {
  const template = client.outbound?.templates?.[update.kind] ?? adapter.defaultTemplates(client)[update.kind];
  const stateCode = client.outbound?.stateCodes?.[update.kind] ?? adapter.defaultStateCodes(client)[update.kind] ?? '';
  const context = {
    support_request: {
      external_source_id: update.externalSourceId,
      interactions: update.text !== undefined ? [{ text: update.text }] : [],
      assignment_group: update.assignmentGroup ?? null,
    },
    interaction: { text: update.text ?? '' },
    ...(update.activity ? activityContext(update, target) : {}),
    state_code: stateCode,
    close_code: client.outbound?.closeCode ?? 'Solved (Permanently)',
    assignment_group: client.outbound?.assignmentGroup ?? update.assignmentGroup ?? '',
    kind: update.kind,
    client: { id: client.id, name: client.name ?? client.id, project: client.outbound?.project ?? '' },
  };
  const text = renderer.render(template, context);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new TemplateError(`the ${update.kind} template of client ${client.id} does not render JSON: ${(error as Error).message}`);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new TemplateError(`the ${update.kind} template of client ${client.id} must render a JSON object`);
  const rendered = { kind: update.kind, recordNumber: update.externalSourceId, body: body as Record<string, unknown> };
  if (target?.kind === 'record') return checkedUpdate({ ...rendered, recordNumber: target.number }, adapter);
  if (target?.kind === 'mirror') return checkedUpdate({ ...rendered, recordNumber: target.correlationId, lookupField: 'correlation_id', create: update.kind === 'activity_mirror' }, adapter);
  return checkedUpdate(rendered, adapter);
}

/** `activity.*` (every detail, blank when Tangoe gave none, so a template line never reads "undefined") and `record.*`. */
function activityContext(update: OutboundUpdate, target: ActivityTarget | undefined) {
  const { id, state, details } = update.activity!;
  const activity: Record<string, string> = { id, state };
  for (const field of ACTIVITY_DETAIL_FIELDS) activity[snakeCase(field)] = details[field] ?? '';
  return {
    activity,
    record: {
      number: target?.kind === 'record' ? target.number : '',
      correlation_id: target?.kind === 'mirror' ? target.correlationId : '',
    },
  };
}

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}
