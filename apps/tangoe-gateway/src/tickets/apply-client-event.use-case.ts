import { Inject, Injectable } from '@nestjs/common';
import { EventEnvelope, EventTypes } from '@bridge/contracts';
import { LOGGER } from '@bridge/platform';
import type { TangoeClient } from '@bridge/tangoe-client';
import { TangoeEchoesRepository, tangoeStateForClient } from '../tangoe-changes';
import type { Logger } from 'pino';
import { TangoeClients } from '../tangoe/tangoe-clients';
import type { TicketLink } from './ticket-links.repository';

type ClientChange = EventEnvelope<'CommentAdded'> | EventEnvelope<'StateChanged'>;

/**
 * Makes a client-side comment or state change happen at Tangoe, once, on a linked ticket. A comment becomes one
 * interaction even when its event is re-delivered after a crash mid-call: the send is recorded before the call,
 * and an unfinished send is looked up among the request's interactions before it is made again.
 */
@Injectable()
export class ApplyClientEventUseCase {
  constructor(
    private readonly echoes: TangoeEchoesRepository,
    private readonly tangoe: TangoeClients,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(event: ClientChange, link: TicketLink): Promise<void> {
    const client = this.tangoe.for(link.clientId);
    if (event.type === EventTypes.CommentAdded) await this.addInteraction(client, event, link);
    else await this.changeState(client, event, link);
  }

  private async addInteraction(client: TangoeClient, event: EventEnvelope<'CommentAdded'>, link: TicketLink): Promise<void> {
    const text = event.data.text;
    const state = await this.echoes.startSend(event.id, link.clientId, link.externalSourceId, text);
    if (state === 'sent') return;
    if (state === 'sending') {
      // An earlier call may have reached Tangoe without an answer coming back: look before sending again.
      const known = new Set(await this.echoes.sentInteractionIds(link.clientId, link.externalSourceId));
      const request = await client.getSupportRequest(link.supportRequestId!);
      const match = request.interactions.find((interaction) => interaction.text === text && !known.has(interaction.id));
      if (match) {
        await this.echoes.finishSend(event.id, match.id);
        this.logger.info({ subject: event.subject, eventId: event.id }, 'interaction found at Tangoe after an unanswered call; not sent again');
        return;
      }
    }
    const interaction = await client.addInteraction(link.interactionToken!, text);
    await this.echoes.finishSend(event.id, interaction.id);
  }

  private async changeState(client: TangoeClient, event: EventEnvelope<'StateChanged'>, link: TicketLink): Promise<void> {
    const target = tangoeStateForClient(event.data.state);
    if (!target) {
      this.logger.info({ subject: event.subject, state: event.data.state }, 'client state has no Tangoe counterpart; nothing to do');
      return;
    }
    // Noted before the call: the poll may see Tangoe's new state before the call even answers, and must know it
    // for the client's own change, not a Tangoe change to send back to the client.
    await this.echoes.recordClientState(link.clientId, link.externalSourceId, target);
    // Setting a state Tangoe already has changes nothing there, so a re-delivery is harmless.
    await client.changeState(link.supportRequestId!, target, event.data.note);
  }
}
