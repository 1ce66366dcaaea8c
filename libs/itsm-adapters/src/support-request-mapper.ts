import { SupportRequestDraft, TANGOE_DEVICE_TYPES } from '@bridge/contracts';
import type { MappingConfig } from '@bridge/clients-config';
import { TemplateRenderer } from '@bridge/templating';
import { InboundPayloadError } from './itsm-adapter';

/** What every ITSM's ticket says, in the bridge's words, before the client's mapping turns it into a request. */
export interface TicketFacts {
  number: string;
  title: string;
  description?: string;
  category?: string;
  subcategory?: string;
  priority?: string;
  urgency?: string;
  deviceType?: string;
  requestorName: string;
  requestorNumber: string;
  employeeId?: string;
}

export type TicketFactName = Exclude<keyof TicketFacts, 'number'>;
const FACT_NAMES: readonly TicketFactName[] = ['title', 'description', 'category', 'subcategory', 'priority', 'urgency', 'deviceType', 'requestorName', 'requestorNumber', 'employeeId'];
const REQUIRED_FACTS = ['title', 'requestorName', 'requestorNumber'] as const;

/**
 * A ticket's facts, each read by the adapter's accessor. The three Tangoe cannot do without are required: when one
 * is missing, the payload is refused with the field named where the ITSM has it (`pathOf`).
 */
export function readTicketFacts(number: string, read: (name: TicketFactName) => string | undefined, pathOf: (name: TicketFactName) => string): TicketFacts {
  const facts = Object.fromEntries(FACT_NAMES.map((name) => [name, read(name)])) as Partial<TicketFacts>;
  const missing = REQUIRED_FACTS.filter((name) => !facts[name]).map((name) => ({ field: pathOf(name), problem: 'is required to open a Tangoe support request' }));
  if (missing.length > 0) throw new InboundPayloadError(missing);
  return { ...facts, number } as TicketFacts;
}

/** Concatenates title, description and whatever did not map, as seed 000 advises. */
export const DEFAULT_TEXT_TEMPLATE = [
  '{{ ticket.number }}: {{ ticket.title }}',
  '{% if ticket.description %}\n{{ ticket.description }}{% endif %}',
  '{% if unmapped.size > 0 %}\n\nOther details:{% for item in unmapped %}\n- {{ item.name }}: {{ item.value }}{% endfor %}{% endif %}',
].join('');

const renderer = new TemplateRenderer();

/** Applies a client's mapping: request type, device type and VIP from their tables, the text from its template. */
export function mapSupportRequest(ticket: TicketFacts, mapping: MappingConfig): SupportRequestDraft {
  const unmapped: Array<{ name: string; value: string }> = [];
  const requestType = lookupRequestType(ticket, mapping);
  if (!requestType && ticket.category) {
    unmapped.push({ name: 'Category', value: [ticket.category, ticket.subcategory].filter(Boolean).join(' / ') });
  }
  const deviceType = lookupDeviceType(ticket.deviceType, mapping);
  if (!deviceType && ticket.deviceType) unmapped.push({ name: 'Device', value: ticket.deviceType });
  if (ticket.priority) unmapped.push({ name: 'Priority', value: ticket.priority });
  if (ticket.urgency) unmapped.push({ name: 'Urgency', value: ticket.urgency });

  const text = renderer.render(mapping.textTemplate ?? DEFAULT_TEXT_TEMPLATE, { ticket, unmapped }).trim();
  const draft: SupportRequestDraft = {
    text: text || ticket.title,
    requestorName: ticket.requestorName,
    requestorNumber: ticket.requestorNumber,
    requestType: requestType ?? mapping.defaultRequestType,
    externalSourceId: ticket.number,
    vip: isVip(ticket, mapping),
  };
  if (deviceType) draft.deviceType = deviceType;
  if (ticket.employeeId) draft.employeeId = ticket.employeeId;
  return draft;
}

function lookupRequestType(ticket: TicketFacts, mapping: MappingConfig): string | undefined {
  const table = mapping.requestTypes ?? {};
  if (ticket.category && ticket.subcategory) {
    const specific = table[`${ticket.category}/${ticket.subcategory}`];
    if (specific) return specific;
  }
  return ticket.category ? table[ticket.category] : undefined;
}

function lookupDeviceType(value: string | undefined, mapping: MappingConfig): string | undefined {
  if (!value) return undefined;
  const mapped = mapping.deviceTypes?.[value];
  if (mapped) return mapped;
  return (TANGOE_DEVICE_TYPES as readonly string[]).find((type) => type.toLowerCase() === value.toLowerCase());
}

function isVip(ticket: TicketFacts, mapping: MappingConfig): boolean {
  const rule = mapping.vip;
  if (!rule) return false;
  return Boolean(
    (ticket.priority && rule.priorities?.includes(ticket.priority)) || (ticket.urgency && rule.urgencies?.includes(ticket.urgency)),
  );
}
