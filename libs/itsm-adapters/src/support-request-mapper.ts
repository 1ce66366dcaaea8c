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
  /** Facts Tangoe requires that the ticket did not have, filled from the client's `mapping.fallbacks`. */
  fallbacksUsed?: FallbackFact[];
}

/** The facts Tangoe cannot open a support request without that an ITSM may not have (Jira has no phone field). */
export const FALLBACK_FACTS = ['requestorName', 'requestorNumber'] as const;
export type FallbackFact = (typeof FALLBACK_FACTS)[number];

export type TicketFactName = Exclude<keyof TicketFacts, 'number' | 'fallbacksUsed'>;
const FACT_NAMES: readonly TicketFactName[] = ['title', 'description', 'category', 'subcategory', 'priority', 'urgency', 'deviceType', 'requestorName', 'requestorNumber', 'employeeId'];
const REQUIRED_FACTS = ['title', 'requestorName', 'requestorNumber'] as const;

/**
 * A ticket's facts, each read by the adapter's accessor. The three Tangoe cannot do without are required: a
 * requestor's name or number the ticket lacks is taken from the client's `fallbacks` (and noted in
 * `fallbacksUsed`); what is still missing refuses the payload, with the field named where the ITSM has it (`pathOf`).
 */
export function readTicketFacts(
  number: string,
  read: (name: TicketFactName) => string | undefined,
  pathOf: (name: TicketFactName) => string,
  fallbacks?: Partial<Record<FallbackFact, string>>,
): TicketFacts {
  const facts = Object.fromEntries(FACT_NAMES.map((name) => [name, read(name)])) as Partial<TicketFacts>;
  const fallbacksUsed = FALLBACK_FACTS.filter((name) => !facts[name] && fallbacks?.[name]);
  for (const name of fallbacksUsed) facts[name] = fallbacks![name];
  const missing = REQUIRED_FACTS.filter((name) => !facts[name]).map((name) => ({
    field: pathOf(name),
    problem: FALLBACK_FACTS.includes(name as FallbackFact) ? `is required to open a Tangoe support request (or a fallback in the client's mapping.fallbacks.${name})` : 'is required to open a Tangoe support request',
  }));
  if (missing.length > 0) throw new InboundPayloadError(missing);
  return { ...facts, number, ...(fallbacksUsed.length > 0 ? { fallbacksUsed } : {}) } as TicketFacts;
}

const FALLBACK_LABELS: Readonly<Record<FallbackFact, string>> = { requestorName: "requestor's name", requestorNumber: "requestor's phone number" };

/**
 * Said in the text Tangoe receives whatever the client's template, so the specialist knows the requestor's name or
 * number on the request is the client's default, not the person's own.
 */
function fallbackNotice(used: readonly FallbackFact[] | undefined): string {
  if (!used || used.length === 0) return '';
  return `\n\n(Not in the ticket, so the client's default was sent: ${used.map((name) => FALLBACK_LABELS[name]).join(', ')}.)`;
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
    text: (text || ticket.title) + fallbackNotice(ticket.fallbacksUsed),
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
