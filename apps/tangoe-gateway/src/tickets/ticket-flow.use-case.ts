import { Inject, Injectable } from '@nestjs/common';
import { EventEnvelope, EventTypes, parseKey, ticketKey } from '@bridge/contracts';
import { LOGGER } from '@bridge/platform';
import type { TangoeSupportRequest } from '@bridge/tangoe-client';
import type { WorkOutcome } from '@bridge/work-line';
import type { Logger } from 'pino';
import { TangoeClients } from '../tangoe/tangoe-clients';
import { TangoeRequestIndex } from '../tangoe/tangoe-request-index';
import { ApplyClientEventUseCase } from './apply-client-event.use-case';
import { earlierThreadOf, sentByEarlierBridge } from './earlier-thread';
import { AWAIT_OPENING_MS, GIVE_UP_ON_OPENING_MS, NO_OPENING } from './opening-wait';
import { TicketLink, TicketLinksRepository } from './ticket-links.repository';

type ClientChange = EventEnvelope<'CommentAdded'> | EventEnvelope<'StateChanged'>;


/**
 * A ticket's way to Tangoe, one event at a time, as its line hands them over in order (TicketLine): the
 * TicketOpened creates the support request once (or links the one Tangoe already has for a ticket from before the
 * bridge), then each comment and state change happens at Tangoe once. A failure is thrown: the line decides
 * whether it is tried again or parked.
 */
@Injectable()
export class TicketFlowUseCase {
  constructor(
    private readonly links: TicketLinksRepository,
    private readonly tangoe: TangoeClients,
    private readonly apply: ApplyClientEventUseCase,
    private readonly index: TangoeRequestIndex,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** `waitingSince`: when the event joined its ticket's line. */
  async handle(event: EventEnvelope, waitingSince: Date, now = new Date()): Promise<WorkOutcome> {
    const key = parseKey(event.subject);
    if (key.kind !== 'ticket') return { kind: 'failed', error: `${event.subject} is not a ticket`, retriable: false };
    const link = await this.links.find(key.clientId, key.externalSourceId);
    if (event.type === EventTypes.TicketOpened) {
      // Linked already: a re-delivery, or a second opening of the same ticket (reconciliation, onboarding).
      if (link?.supportRequestId == null) await this.create(link ?? (await this.links.recordIntent(key.clientId, key.externalSourceId, event)));
      return { kind: 'done' };
    }
    if (link?.supportRequestId == null) {
      if (link === undefined && now.getTime() - waitingSince.getTime() >= GIVE_UP_ON_OPENING_MS) {
        const error = `no TicketOpened of ${event.subject} arrived in ${GIVE_UP_ON_OPENING_MS / 3_600_000} h: onboard the ticket (bridge onboard), and this change follows its opening`;
        return { kind: 'failed', error, retriable: false, parkedCause: NO_OPENING };
      }
      return { kind: 'later', delayMs: AWAIT_OPENING_MS };
    }
    if (sentByEarlierBridge(link.earlierThread, event)) {
      this.logger.info({ subject: event.subject, eventId: event.id }, "a comment from before the link, already in Tangoe's thread: not sent again");
    } else {
      await this.apply.execute(event as ClientChange, link);
    }
    return { kind: 'done' };
  }

  /** Creates the ticket's support request, or links the one Tangoe already has. */
  private async create(link: TicketLink): Promise<void> {
    const client = this.tangoe.for(link.clientId);
    const opened = (link.openedEvent as EventEnvelope<'TicketOpened'>).data;
    const subject = ticketKey(link.clientId, link.externalSourceId);
    // A ticket from before the bridge served the client may have its request at Tangoe already, made by the
    // client's earlier bridge: linked, with its history taken as Tangoe's already (onboarding).
    const earlier = opened.onboarding && link.createAttempts === 0 ? await this.requestFromBefore(link) : undefined;
    if (earlier) {
      const earlierThread = earlierThreadOf(earlier, new Date());
      await this.links.markFoundAtTangoe(link.clientId, link.externalSourceId, earlierThread);
      this.logger.info({ subject, supportRequestId: earlier.id }, 'onboarded ticket linked to the support request Tangoe already had');
      // Everything Tangoe's thread holds is from before the link: none of it is news for the client, and the
      // request's state is where it stands, not a change to tell the client of.
      const seen = Math.max(0, ...earlier.interactions.map((interaction) => interaction.id));
      await this.links.link(link.clientId, link.externalSourceId, earlier.id, earlier.interaction_thread.token, seen, earlier.state);
      return;
    }
    // An earlier attempt may have been stored at Tangoe without its answer reaching us: look before creating.
    const existing = link.createAttempts > 0 ? await client.findByExternalSourceId(link.externalSourceId) : undefined;
    let created = existing;
    if (!created) {
      await this.links.countCreateAttempt(link.clientId, link.externalSourceId);
      created = await client.createSupportRequest(opened.supportRequest);
    } else {
      this.logger.info({ subject, supportRequestId: existing!.id }, 'support request found at Tangoe; not created again');
    }
    // What the bridge itself wrote when creating is not news for the client: all of a request it just created, but
    // of one found after a lost answer only the opening interaction. The specialist may have answered since, and
    // those notes must still reach the client.
    const ids = created.interactions.map((interaction) => interaction.id);
    const seen = existing && ids.length > 0 ? Math.min(...ids) : Math.max(0, ...ids);
    await this.links.link(link.clientId, link.externalSourceId, created.id, created.interaction_thread.token, seen);
  }

  /**
   * The request Tangoe already has for a ticket from before the bridge, if any. One another client's ticket is
   * linked to is not this one's: two clients sharing an API user may number their tickets alike.
   */
  private async requestFromBefore(link: TicketLink): Promise<TangoeSupportRequest | undefined> {
    const found = await this.index.find(link.clientId, link.externalSourceId);
    if (!found || !(await this.links.linkedByAnotherClient(found.id, link.clientId))) return found;
    this.logger.warn({ subject: ticketKey(link.clientId, link.externalSourceId), supportRequestId: found.id }, "Tangoe's request with this ticket's key is another client's: a request of its own is created");
    return undefined;
  }
}
