import { Inject, Injectable } from '@nestjs/common';
import { TopicNames, deterministicEventId, ticketKey } from '@bridge/contracts';
import { MessageBus, publishEvents } from '@bridge/messaging';
import { BUS, TOPICS } from '@bridge/platform';
import { tangoeStateChangeOf } from '../tangoe-changes';
import { GatewayError } from '../gateway.error';
import { TangoeClients } from '../tangoe/tangoe-clients';
import { DriftLinksRepository } from './drift-links.repository';

/**
 * A drift repair: Tangoe ended a request and its ticket is still open at the ITSM, Tangoe's change having never
 * reached the client (its push and the poll missed it, its delivery failed). The request is read again (one GET,
 * inside the client's GET budget) and its state published for the notifier with the poll's own function, so the
 * client gets what the poll would have sent. The event's id is the repair's, not the poll's: the notifier has
 * handled the poll's id already if it ever saw it, and the repair must not be dropped as its duplicate. It names the
 * ITSM's status move too: the same drift repaired twice is delivered once, the ticket reopened again is a new repair.
 */
@Injectable()
export class TangoeStateRedeliveryUseCase {
  constructor(
    @Inject(BUS) private readonly bus: MessageBus,
    @Inject(TOPICS) private readonly topics: TopicNames,
    private readonly tangoe: TangoeClients,
    private readonly driftLinks: DriftLinksRepository,
  ) {}

  async execute(clientId: string, externalSourceId: string, options: { supportRequestId?: number; itsmStatusChangeId?: string }): Promise<{ eventId: string; supportRequestId: number; state: string }> {
    const ticket = ticketKeyOf(clientId, externalSourceId);
    const link = (await this.driftLinks.ofClient(clientId, [externalSourceId]))[0]?.link;
    if (link?.status !== 'linked' || link.supportRequestId === null) {
      throw new GatewayError('not_linked', `ticket ${ticket} is not linked to a support request: there is no Tangoe state of it to send`);
    }
    if (options.supportRequestId !== undefined && options.supportRequestId !== link.supportRequestId) {
      throw new GatewayError('request_mismatch', `ticket ${ticket} is linked to support request ${link.supportRequestId}, not ${options.supportRequestId}`);
    }
    const request = await this.tangoe.for(clientId).getSupportRequest(link.supportRequestId);
    if (link.clientSetState === request.state) {
      throw new GatewayError('client_own_state', `support request ${request.id} is ${request.state} by the client's own change: sending it back to the client would be its echo`);
    }
    const event = tangoeStateChangeOf(request, { clientId, externalSourceId }, 'bridge/tangoe-gateway/drift', (changedAt) =>
      deterministicEventId(clientId, 'drift', externalSourceId, 'tangoe-state', request.id, request.state, changedAt, options.itsmStatusChangeId ?? ''),
    );
    if (!event) throw new GatewayError('unknown_state', `support request ${request.id} is in a state the bridge does not know: ${request.state}`);
    await publishEvents(this.bus, this.topics, [event]);
    await this.driftLinks.noteTangoeState(clientId, externalSourceId, request.id, request.state);
    return { eventId: event.id, supportRequestId: request.id, state: request.state };
  }
}

/** The ticket's key, or why these are no ticket's parts (an id with control characters, as a URL can carry). */
function ticketKeyOf(clientId: string, externalSourceId: string): string {
  try {
    return ticketKey(clientId, externalSourceId);
  } catch (error) {
    throw new GatewayError('not_a_ticket', (error as Error).message, { cause: error });
  }
}
