import type { Reading } from '../peers/bridge-services';

/** What the ingress published about a ticket (`GET /admin/tickets/{client}/{ticket}/events`). */
export interface PublishedEvent {
  eventId: string;
  type: string;
  publishedAt: string;
}

/** The ticket at the gateway (`GET /admin/tickets/{client}/{ticket}`); null when the gateway does not know it. */
export interface GatewayTicket {
  status: string;
  supportRequestId: number | null;
  createAttempts: number;
  error: string | null;
  events?: Array<{ eventId: string; type: string; status: string; attempts: number; queuedAt: string; error: string | null; traceId: string | null }>;
  interactions: Array<{ eventId: string; status: string; interactionId: number | null; startedAt: string }>;
}

/** A delivery to the client's ITSM with its attempts (`GET /admin/tickets/{client}/{ticket}/deliveries`). */
export interface TicketDelivery {
  id: string;
  event_id: string;
  kind: string;
  status: string;
  created_at: string;
  last_error: string | null;
  trace_id: string | null;
  attempts_log: Array<{ attempt: number; started_at: string; status_code: number | null; outcome: string; response: string | null }>;
}

export type TimelineSource = 'ingress' | 'gateway' | 'notifier';

/** One step of a ticket's life, in any service. */
export interface TimelineEntry {
  at: string;
  where: TimelineSource;
  what: string;
  /** How it stands or stood: `published`, `done`, `parked`, `delivered`, an attempt's outcome… */
  status: string;
  details: string | null;
  eventId: string | null;
  traceId: string | null;
}

export interface TicketReadings {
  ingress: Reading<PublishedEvent[]>;
  gateway: Reading<GatewayTicket | null>;
  notifier: Reading<TicketDelivery[]>;
}

/** The longest piece of another system's answer a timeline shows: the rest is in the service's own log. */
const DETAILS_LIMIT = 300;

/**
 * A ticket's whole timeline across the services, in time order: the events the ingress published, their way through
 * the gateway's line to Tangoe (with the trace each was appended in, the ingress's publish's trace), the support
 * request and the interactions sent, then every delivery toward the ITSM with each attempt and its answer. A
 * service that did not answer leaves its part out; the page says why.
 */
export function ticketTimeline(readings: TicketReadings): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const gatewayEvents = readings.gateway.ok ? (readings.gateway.data?.events ?? []) : [];
  const traceOf = new Map(gatewayEvents.map((event) => [event.eventId, event.traceId]));
  for (const event of readings.ingress.ok ? readings.ingress.data : []) {
    entries.push({ at: event.publishedAt, where: 'ingress', what: `published ${event.type}`, status: 'published', details: null, eventId: event.eventId, traceId: traceOf.get(event.eventId) ?? null });
  }
  const ticket = readings.gateway.ok ? readings.gateway.data : null;
  for (const event of gatewayEvents) {
    entries.push({ at: event.queuedAt, where: 'gateway', what: `${event.type} in the ticket's line (${event.attempts} attempt${event.attempts === 1 ? '' : 's'})`, status: event.status, details: clip(event.error), eventId: event.eventId, traceId: event.traceId });
  }
  if (ticket?.supportRequestId) {
    // At its opening's time; once the retention job trimmed that, at the ticket's first step still known.
    const opened = gatewayEvents.find((event) => event.type === 'TicketOpened');
    const at = opened?.queuedAt ?? [...entries.map((entry) => entry.at), ...gatewayEvents.map((event) => event.queuedAt)].sort()[0] ?? new Date(0).toISOString();
    entries.push({ at, where: 'gateway', what: `support request ${ticket.supportRequestId}`, status: ticket.status, details: clip(ticket.error), eventId: opened?.eventId ?? null, traceId: opened?.traceId ?? null });
  }
  for (const send of ticket?.interactions ?? []) {
    entries.push({ at: send.startedAt, where: 'gateway', what: send.interactionId ? `interaction ${send.interactionId} at Tangoe` : 'interaction sent to Tangoe', status: send.status, details: null, eventId: send.eventId, traceId: traceOf.get(send.eventId) ?? null });
  }
  for (const delivery of readings.notifier.ok ? readings.notifier.data : []) {
    const at = new Date(delivery.created_at).toISOString();
    entries.push({ at, where: 'notifier', what: `${delivery.kind} toward the ITSM`, status: delivery.status, details: clip(delivery.last_error), eventId: delivery.event_id, traceId: delivery.trace_id });
    for (const attempt of delivery.attempts_log) {
      entries.push({
        at: new Date(attempt.started_at).toISOString(),
        where: 'notifier',
        what: `attempt ${attempt.attempt} of the ${delivery.kind}${attempt.status_code !== null ? `: HTTP ${attempt.status_code}` : ''}`,
        status: attempt.outcome,
        // A taken delivery's answer is the ITSM's record: noise here. A refusal's is why.
        details: attempt.outcome === 'delivered' ? null : clip(attempt.response),
        eventId: delivery.event_id,
        traceId: delivery.trace_id,
      });
    }
  }
  // Stable: steps of the same instant keep the order above (published, then taken, then sent).
  return entries.map((entry, index) => ({ entry, index })).sort((a, b) => a.entry.at.localeCompare(b.entry.at) || a.index - b.index).map(({ entry }) => entry);
}

function clip(text: string | null | undefined): string | null {
  if (!text) return null;
  return text.length > DETAILS_LIMIT ? `${text.slice(0, DETAILS_LIMIT)}…` : text;
}
