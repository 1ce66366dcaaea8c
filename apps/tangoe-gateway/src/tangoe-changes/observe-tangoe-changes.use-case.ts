import { Inject, Injectable } from '@nestjs/common';
import { EventEnvelope, EventTypes, TopicNames } from '@bridge/contracts';
import { MessageBus, publishEvents } from '@bridge/messaging';
import type { Queryable } from '@bridge/persistence';
import { BUS, TOPICS } from '@bridge/platform';
import type { TangoeSupportRequest } from '@bridge/tangoe-client';
import { commentKey } from './client-echo';
import { ObservedActivitiesRepository } from './observed-activities.repository';
import { ObservedRequest, ObservedRequestsRepository } from './observed-requests.repository';
import { TangoeEchoes, TangoeEchoesRepository } from './tangoe-echoes.repository';
import { changesOf } from './tangoe-changes';

/** Where an observation came in: the events' source. The ids do not depend on it, so a change is one event whatever its way in. */
export const TangoeWaysIn = {
  push: 'bridge/tangoe-gateway/push',
  poll: 'bridge/tangoe-gateway/poll',
  report: 'bridge/tangoe-gateway/report',
} as const;

/**
 * Every change the bridge observes at Tangoe goes through here, whatever its way in (Tangoe's pushes, the support
 * request and activity polls, the SFTP report): the client's own changes coming back are recognised by what the
 * gateway sent to Tangoe (the one echo store), the rest is published as Tangoe-side events with ids derived from
 * Tangoe's own, and what was published is noted (of a linked ticket's request, how far; of activities, each change),
 * so a push and a poll of the same change publish it once (docs/adr/0023).
 */
@Injectable()
export class ObserveTangoeChangesUseCase {
  constructor(
    @Inject(BUS) private readonly bus: MessageBus,
    @Inject(TOPICS) private readonly topics: TopicNames,
    private readonly echoes: TangoeEchoesRepository,
    private readonly observed: ObservedRequestsRepository,
    private readonly observedActivities: ObservedActivitiesRepository,
  ) {}

  /**
   * A support request as Tangoe shows it now. On a ticket not linked to it here, 'unlinked' (nothing published),
   * unless the caller gives what to take as seen then (a push, which stands for its own changes).
   */
  async supportRequest(tx: Queryable, clientId: string, request: TangoeSupportRequest, source: string, seenWhenUnlinked?: ObservedRequest): Promise<EventEnvelope[] | 'unlinked'> {
    const externalSourceId = request.external_source_id!;
    const link = await this.observed.linkedTo(tx, clientId, externalSourceId, request.id);
    const seen = link ?? seenWhenUnlinked;
    if (!seen) return 'unlinked';
    const echoes = await this.echoes.of(tx, clientId, externalSourceId);
    const changes = changesOf(request, { clientId, externalSourceId, ...seen, sentByBridge: echoes.interactionIds }, source);
    const events = changes.filter((event) => !isEcho(event, echoes));
    if (events.length > 0) await publishEvents(this.bus, this.topics, events);
    if (link && changes.length > 0) {
      const lastInteraction = Math.max(link.lastInteractionId ?? 0, ...request.interactions.map((interaction) => interaction.id));
      await this.observed.notePublished(tx, clientId, externalSourceId, request.state, lastInteraction);
    }
    return events;
  }

  /**
   * Activities' state changes (pulled, pushed or reported), each published once; the bridge never writes
   * activities, so none is an echo. What was published before counts as a duplicate. A change is noted only after
   * Kafka acknowledged it: a poll whose publish fails still commits its turn (its failure and next time), and a note
   * made before the publish would have hidden the change from every later reading (the 10,000-ticket fault run lost
   * six activity changes so, while Kafka restarted). Two readings at once may both publish a change, with one id;
   * the notifier delivers an event once.
   */
  async activities(tx: Queryable, clientId: string, events: readonly EventEnvelope<'StateChanged'>[]): Promise<{ published: EventEnvelope[]; duplicates: number }> {
    const seen = await this.observedActivities.publishedAmong(tx, events.map((event) => event.id));
    const published = events.filter((event) => !seen.has(event.id));
    if (published.length > 0) {
      await publishEvents(this.bus, this.topics, published);
      await this.observedActivities.notePublished(tx, clientId, published.map((event) => event.id));
    }
    return { published, duplicates: events.length - published.length };
  }
}

/** The client's own comment or its cancel or close, made at Tangoe by the gateway: no news for the client. */
function isEcho(event: EventEnvelope, echoes: TangoeEchoes): boolean {
  if (event.type === EventTypes.StateChanged) return echoes.clientSetStates.includes(event.data.state);
  if (event.type === EventTypes.CommentAdded) return echoes.texts.some((text) => commentKey(text) === commentKey(event.data.text));
  return false;
}
