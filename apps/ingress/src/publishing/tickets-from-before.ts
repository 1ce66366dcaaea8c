import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { ClientDirectory } from '@bridge/clients-config';
import { EventEnvelope, EventTypes, validateEvent } from '@bridge/contracts';
import { CLIENTS } from '@bridge/platform';
import { ClientServingRepository } from './client-serving.repository';

/**
 * How long after the bridge began serving a client a ticket must have been opened, by the ITSM's clock, to count as
 * surely new: the ITSM's clock may be ahead, and a look at Tangoe costs little where a duplicate request costs a
 * clean-up, so the margin errs toward looking.
 */
const NEW_TICKET_MARGIN_MS = 10 * 60_000;

/**
 * Tickets the client opened before the bridge served it. Their support requests may already be at Tangoe, made by
 * the bridge the client ran before (by hand, as every client did): their TicketOpened carries `onboarding`, so the
 * gateway looks for the request by `external_source_id` and links it rather than creating a second one. That holds
 * however the ticket comes: `bridge onboard`, a reconciliation run that finds it changed, or its next webhook.
 */
@Injectable()
export class TicketsFromBefore implements OnApplicationBootstrap {
  private readonly since = new Map<string, Date>();

  constructor(
    private readonly serving: ClientServingRepository,
    @Inject(CLIENTS) private readonly clients: ClientDirectory,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const client of this.clients.all()) await this.servingSince(client.id);
  }

  /** The events with each TicketOpened of a ticket opened before the bridge served its client marked for onboarding. */
  async mark(events: readonly EventEnvelope[]): Promise<EventEnvelope[]> {
    const marked: EventEnvelope[] = [];
    for (const event of events) {
      if (event.type !== EventTypes.TicketOpened || event.data.onboarding) {
        marked.push(event);
        continue;
      }
      const opened = event as EventEnvelope<'TicketOpened'>;
      const servingSince = await this.servingSince(opened.data.clientId);
      if (Date.parse(opened.data.openedAt) >= servingSince.getTime() + NEW_TICKET_MARGIN_MS) {
        marked.push(event);
        continue;
      }
      marked.push(lookedUpFirst(opened));
    }
    return marked;
  }

  /** Recorded the first time the client is seen (at startup for every configured client), then never moved. */
  async servingSince(clientId: string): Promise<Date> {
    const known = this.since.get(clientId);
    if (known) return known;
    const since = await this.serving.servingSince(clientId);
    this.since.set(clientId, since);
    return since;
  }
}

/**
 * The ticket's TicketOpened marked so the gateway looks for its request at Tangoe before creating one: a ticket
 * from before the bridge, or one an operator onboards by name because the bridge missed it (a drift repair).
 */
export function lookedUpFirst(opened: EventEnvelope<'TicketOpened'>): EventEnvelope<'TicketOpened'> {
  if (opened.data.onboarding) return opened;
  return validateEvent({ ...opened, data: { ...opened.data, onboarding: { lookUpFirst: true } } }) as EventEnvelope<'TicketOpened'>;
}
