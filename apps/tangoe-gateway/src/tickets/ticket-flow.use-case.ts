import { Inject, Injectable } from '@nestjs/common';
import { EventEnvelope, parseKey } from '@bridge/contracts';
import { classifyFailure } from '@bridge/messaging';
import type { Database } from '@bridge/persistence';
import { DATABASE, LOGGER } from '@bridge/platform';
import type { Logger } from 'pino';
import type { TangoeSupportRequest } from '@bridge/tangoe-client';
import { TangoeClients } from '../tangoe/tangoe-clients';
import { TangoeRequestIndex } from '../tangoe/tangoe-request-index';
import { ApplyClientEventUseCase } from './apply-client-event.use-case';
import { ClientHolds } from './client-holds';
import { earlierThreadOf, sentByEarlierBridge } from './earlier-thread';
import { GATEWAY_RETRY_POLICY } from './gateway-retry-policy';
import { TicketLock } from './ticket-lock';
import { TicketLink, TicketLinksRepository } from './ticket-links.repository';

type ClientChange = EventEnvelope<'CommentAdded'> | EventEnvelope<'StateChanged'>;

/**
 * A ticket's way to Tangoe: one support request per ticket, then its comments and state changes in order.
 * Every comment and state change joins the ticket's line in PostgreSQL and leaves it once Tangoe has it, so the
 * order survives retries, restarts and rebalances; events that arrive before the ticket is linked, or while it is
 * parked, wait there until it is. A ticket that cannot proceed is parked with Tangoe's answer, holding back only
 * its own events.
 */
@Injectable()
export class TicketFlowUseCase {
  constructor(
    private readonly holds: ClientHolds,
    private readonly links: TicketLinksRepository,
    private readonly lock: TicketLock,
    private readonly tangoe: TangoeClients,
    private readonly apply: ApplyClientEventUseCase,
    private readonly index: TangoeRequestIndex,
    @Inject(DATABASE) private readonly database: Database,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** TicketOpened: create the support request once, then let the ticket's waiting events follow. */
  async open(event: EventEnvelope<'TicketOpened'>, attempt: number): Promise<void> {
    if (await this.links.isHandled(event.id)) return;
    const { clientId, externalSourceId } = event.data;
    const link = await this.links.recordIntent(clientId, externalSourceId, event);
    if (link.status === 'linked' || link.status === 'parked') {
      // Linked: a re-delivery. Parked: waits for a replay, which re-runs this ticket from its stored event.
      await this.links.markHandled(event.id);
      return;
    }
    // Paused or out of the clients file: the intent is recorded with its event, and the client's resume (or its
    // return to the file) creates the request.
    if (await this.holds.isHeld(clientId)) {
      await this.links.markHandled(event.id);
      return;
    }
    await this.guard(link, attempt, () => this.createAndDrain(link));
    await this.links.markHandled(event.id);
  }

  /**
   * CommentAdded / StateChanged from the client. Every change first joins its ticket's line in PostgreSQL, then the
   * line is sent in order. A change that failed stays at the head while the bus retries it, so a later one cannot
   * overtake it, even after a restart or a rebalance has made the bus forget that the ticket's key was held
   * (ADR 11).
   */
  async change(event: ClientChange, attempt: number): Promise<void> {
    if (await this.links.isHandled(event.id)) return;
    const { clientId, externalSourceId } = parseTicket(event.subject);
    const link = await this.lock.run(clientId, externalSourceId, async () => {
      await this.links.enqueueWaiting(event, clientId, externalSourceId);
      const current = await this.links.find(clientId, externalSourceId);
      return current?.status === 'linked' ? current : undefined;
    });
    // Paused or out of the clients file: the change waits in its ticket's line, and the client's resume sends it.
    if (!link || (await this.holds.isHeld(clientId))) return;
    await this.guard(link, attempt, () => this.drain(link));
  }

  /**
   * A ticket its client held (paused, out of the clients file), sent now that it is not: created if it never was,
   * then its line, in order. A failure of the moment leaves it waiting for the next sweep (HeldTicketsSender), never
   * parked by a bus schedule that is not running for it; Tangoe's refusal parks it as usual.
   */
  async sendHeld(link: TicketLink): Promise<void> {
    try {
      // As many failures in a row as the bus would allow, then parked like any ticket: a replay is the way on.
      await this.guard(link, link.heldSendFailures, () => (link.supportRequestId === null ? this.createAndDrain(link) : this.drain(link)));
      await this.links.clearHeldSendFailures(link.clientId, link.externalSourceId);
    } catch (error) {
      const failures = await this.links.countHeldSendFailure(link.clientId, link.externalSourceId);
      this.logger.warn({ subject: `${link.clientId}:${link.externalSourceId}`, failures, error: (error as Error).message }, 'a held ticket could not be sent now; the next sweep tries again');
    }
  }

  /** Replay of a parked ticket (admin API): create it if it never was, then send what waits. */
  async resume(clientId: string, externalSourceId: string): Promise<TicketLink> {
    const link = await this.links.find(clientId, externalSourceId);
    if (!link) throw Object.assign(new Error(`no ticket ${clientId}:${externalSourceId} is known`), { code: 'unknown_ticket', retriable: false });
    // A replay would send to a Tangoe the operator asked to leave alone: the client's resume sends the ticket.
    if (await this.holds.isHeld(clientId)) {
      throw Object.assign(new Error(`client ${clientId} is paused or not in the clients file: resume it, and its tickets are sent then`), { code: 'client_held', retriable: false });
    }
    await this.guard(link, GATEWAY_RETRY_POLICY.maxRetries, () => (link.supportRequestId === null ? this.createAndDrain(link) : this.drain(link)));
    return (await this.links.find(clientId, externalSourceId))!;
  }

  /** Creates the ticket's support request, unless a replica did meanwhile, then sends what waits, all in one hold. */
  private createAndDrain(link: TicketLink): Promise<void> {
    return this.exclusively(link, async () => {
      const current = (await this.links.find(link.clientId, link.externalSourceId)) ?? link;
      if (current.status === 'linked') return this.drainLine(current);
      // Paused while this waited for its hold: the resume creates it.
      if (await this.holds.isHeld(current.clientId)) return;
      const client = this.tangoe.for(current.clientId);
      const opened = (current.openedEvent as EventEnvelope<'TicketOpened'>).data;
      const subject = `${current.clientId}:${current.externalSourceId}`;
      // A ticket from before the bridge served the client may have its request at Tangoe already, made by the
      // client's earlier bridge: linked, with its history taken as Tangoe's already (onboarding).
      const earlier = opened.onboarding && current.createAttempts === 0 ? await this.requestFromBefore(current) : undefined;
      if (earlier) {
        const earlierThread = earlierThreadOf(earlier, new Date());
        await this.links.markFoundAtTangoe(current.clientId, current.externalSourceId, earlierThread);
        this.logger.info({ subject, supportRequestId: earlier.id }, 'onboarded ticket linked to the support request Tangoe already had');
        // Everything Tangoe's thread holds is from before the link: none of it is news for the client, and the
        // request's state is where it stands, not a change to tell the client of.
        const seen = Math.max(0, ...earlier.interactions.map((interaction) => interaction.id));
        return this.drainLine({ ...current, supportRequestId: earlier.id, interactionToken: earlier.interaction_thread.token, earlierThread }, seen, earlier.state);
      }
      // An earlier attempt may have been stored at Tangoe without its answer reaching us: look before creating.
      const existing = current.createAttempts > 0 ? await client.findByExternalSourceId(current.externalSourceId) : undefined;
      let created = existing;
      if (!created) {
        await this.links.countCreateAttempt(current.clientId, current.externalSourceId);
        created = await client.createSupportRequest(opened.supportRequest);
      } else {
        this.logger.info({ subject, supportRequestId: existing!.id }, 'support request found at Tangoe; not created again');
      }
      // What the bridge itself wrote when creating is not news for the client: all of a request it just created, but
      // of one found after a lost answer only the opening interaction. The specialist may have answered since, and
      // those notes must still reach the client.
      const ids = created.interactions.map((interaction) => interaction.id);
      const seen = existing && ids.length > 0 ? Math.min(...ids) : Math.max(0, ...ids);
      await this.drainLine({ ...current, supportRequestId: created.id, interactionToken: created.interaction_thread.token }, seen);
    });
  }

  /**
   * The request Tangoe already has for a ticket from before the bridge, if any. One another client's ticket is
   * linked to is not this one's: two clients sharing an API user may number their tickets alike.
   */
  private async requestFromBefore(link: TicketLink): Promise<TangoeSupportRequest | undefined> {
    const found = await this.index.find(link.clientId, link.externalSourceId);
    if (!found || !(await this.links.linkedByAnotherClient(found.id, link.clientId))) return found;
    this.logger.warn({ subject: `${link.clientId}:${link.externalSourceId}`, supportRequestId: found.id }, "Tangoe's request with this ticket's key is another client's: a request of its own is created");
    return undefined;
  }

  private drain(link: TicketLink): Promise<void> {
    return this.exclusively(link, () => this.drainLine(link));
  }

  /**
   * One holder of a ticket's line at a time, across replicas: a replica whose partition was handed over while it
   * was still sending (its session timed out mid-drain, a rebalance) goes on, and the new owner would find the
   * head's call unanswered and send it again (the fault suite saw a comment twice at Tangoe). The ticket's line
   * waits for the other holder to finish instead.
   */
  private exclusively(link: TicketLink, work: () => Promise<void>): Promise<void> {
    return this.database.exclusive(`tangoe-gateway ticket ${link.clientId}:${link.externalSourceId}`, work);
  }

  /**
   * Sends the waiting events in order. A ticket being created or replayed counts as linked only once nothing waits
   * any more; on a ticket already linked, a change that joins the line after this drain sends it itself.
   */
  private async drainLine(link: TicketLink, seenInteractionId?: number, tangoeState?: string): Promise<void> {
    // A drain that waited behind another may find the ticket parked by it: its line then waits for the replay.
    if (link.status === 'linked' && (await this.links.find(link.clientId, link.externalSourceId))?.status !== 'linked') return;
    const linked: TicketLink = { ...link, status: 'linked' };
    for (;;) {
      const next = (await this.links.waiting(link.clientId, link.externalSourceId))[0];
      if (!next) {
        if (link.status === 'linked') return;
        const done = await this.lock.run(link.clientId, link.externalSourceId, async () => {
          if (await this.links.hasWaiting(link.clientId, link.externalSourceId)) return false;
          await this.links.link(link.clientId, link.externalSourceId, linked.supportRequestId!, linked.interactionToken!, seenInteractionId, tangoeState);
          return true;
        });
        if (done) return;
        continue;
      }
      // A pause stops a long line between two events (a ticket being created finishes first: its request is made).
      if (link.status === 'linked' && (await this.holds.isHeld(link.clientId))) return;
      if (sentByEarlierBridge(link.earlierThread, next.event)) {
        this.logger.info({ subject: `${link.clientId}:${link.externalSourceId}`, eventId: next.event.id }, "a comment from before the link, already in Tangoe's thread: not sent again");
      } else if (!(await this.links.isHandled(next.event.id))) await this.apply.execute(next.event as ClientChange, linked);
      await this.links.removeWaiting(next.seq);
    }
  }

  /**
   * Runs a step; parks the ticket when Tangoe refuses for good, or when the transient failures outlast the retry
   * schedule. Parking keeps the failing event first in line, so order holds when the ticket is replayed.
   */
  private async guard(link: TicketLink, attempt: number, step: () => Promise<void>): Promise<void> {
    try {
      await step();
    } catch (error) {
      const failure = classifyFailure(error);
      if (failure.retriable && attempt < GATEWAY_RETRY_POLICY.maxRetries) throw error;
      await this.lock.run(link.clientId, link.externalSourceId, () => this.links.park(link.clientId, link.externalSourceId, failure.message));
      this.logger.error({ subject: `${link.clientId}:${link.externalSourceId}`, code: failure.code, error: failure.message }, 'ticket parked');
    }
  }
}

function parseTicket(subject: string): { clientId: string; externalSourceId: string } {
  const key = parseKey(subject);
  if (key.kind !== 'ticket') throw Object.assign(new Error(`${subject} is not a ticket`), { code: 'not_a_ticket', retriable: false });
  return key;
}

