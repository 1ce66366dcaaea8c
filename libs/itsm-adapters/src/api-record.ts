import { InboundPayloadError } from './itsm-adapter';
import { payloadShapeProblems } from '@bridge/contracts';

/**
 * A record as a vendor's REST API returns it: wrapped (`{"result": …}`, `{"ticket": …}`, `{"values": …}`) or bare.
 * Returns the record when `isRecord` recognises it under the wrapper key or at the top, undefined when the payload
 * is no API record of this vendor (a webhook, then). Checked for unsafe shapes like every webhook.
 */
export function unwrapApiRecord(payload: unknown, wrapper: string, isRecord: (value: Record<string, unknown>) => boolean): Record<string, unknown> | undefined {
  if (!isObject(payload)) return undefined;
  const candidate = isObject(payload[wrapper]) ? payload[wrapper] : payload;
  if (!isRecord(candidate)) return undefined;
  const unsafe = payloadShapeProblems(payload);
  if (unsafe.length > 0) throw new InboundPayloadError(unsafe);
  return candidate;
}

/** A ticket as Zendesk's and Freshservice's APIs return it (`{"ticket": …}` or bare, a numeric id), or the refusal naming `ticket.id`. */
export function apiTicket(record: unknown): Record<string, unknown> {
  const ticket = unwrapApiRecord(record, 'ticket', (value) => typeof value.id === 'number');
  if (!ticket) throw new InboundPayloadError([{ field: 'ticket.id', problem: 'must be a ticket as the API returns it (a numeric id)' }]);
  return ticket;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** An id as text: API records carry numbers (Zendesk, Freshservice), webhooks strings. */
export function idText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
