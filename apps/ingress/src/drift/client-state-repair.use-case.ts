import { Injectable } from '@nestjs/common';
import { EventTypes, Origin, createEvent, deterministicEventId } from '@bridge/contracts';
import type { ClientEndState } from '@bridge/drift';
import { PublishInboundEventsUseCase } from '../publishing/publish-inbound-events.use-case';

/**
 * A drift repair: a ticket ended at the client's ITSM whose end never reached Tangoe gets it now, as the client's
 * own state change. Published here rather than made at Tangoe by the gateway directly, so it is what a webhook's
 * would be: noted as the client's change (Tangoe's push of that state coming back is recognised as its echo, not
 * sent to the ITSM), and taken by the gateway in the ticket's line, in order, held while the client is paused. The
 * id names the repair and the ITSM's status move: repairing the same drift twice publishes once, and the same
 * ticket ended again after a reopen is a new repair.
 */
@Injectable()
export class ClientStateRepairUseCase {
  constructor(private readonly publish: PublishInboundEventsUseCase) {}

  async execute(clientId: string, externalSourceId: string, state: ClientEndState, itsmStatusChangeId: string | undefined): Promise<{ eventId: string; published: boolean }> {
    const event = createEvent(
      EventTypes.StateChanged,
      {
        clientId,
        subjectKind: 'ticket',
        externalSourceId,
        origin: Origin.Client,
        state,
        changedAt: new Date().toISOString(),
        changeId: `drift:${itsmStatusChangeId ?? state}`,
      },
      { source: 'bridge/ingress/drift', id: deterministicEventId(clientId, 'drift', externalSourceId, state, itsmStatusChangeId ?? '') },
    );
    const { published } = await this.publish.execute([event]);
    return { eventId: event.id, published: published.length > 0 };
  }
}
