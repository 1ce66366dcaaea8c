import { CommentAddedData, StateChangedData, TangoePushReceivedData, TicketOpenedData } from './event-data';
import { Origin } from './origin';
import type { TopicNames } from './topics';

/**
 * An event type, defined once: everything else about it (the `EventTypes` constants, `PayloadOf`, the version and
 * class validation uses, the origin and topic of its events) is derived from its entry in `EVENT_DEFINITIONS`.
 */
export interface EventDefinition<Data extends object = object> {
  /** The data body; validation forbids any property the class does not declare. */
  readonly dataClass: new () => Data;
  /** The version of the data body this code writes and reads. A new version is a new class, never an edit. */
  readonly dataVersion: number;
  /**
   * The sides its events may come from, which decides their topic (`topicFor`). With one, the data does not say
   * (it is that one); with more, `data.origin` names it.
   */
  readonly origins: readonly Origin[];
  /** The topic, when not the one of its origin's direction: Tangoe's pushes go to the gateway, not to the clients. */
  readonly topic?: keyof Omit<TopicNames, 'consumerGroup'>;
}

/**
 * The three event types of the bridge, as the design card names them, keyed by their type name; and the record of
 * a Tangoe push on its way from the door (the ingress) to the gateway, which reads it (docs/adr/0023).
 */
export const EVENT_DEFINITIONS = {
  /** A ticket always starts at the client's ITSM. */
  TicketOpened: { dataClass: TicketOpenedData, dataVersion: 1, origins: [Origin.Client] },
  CommentAdded: { dataClass: CommentAddedData, dataVersion: 1, origins: [Origin.Client, Origin.Tangoe] },
  StateChanged: { dataClass: StateChangedData, dataVersion: 1, origins: [Origin.Client, Origin.Tangoe] },
  TangoePushReceived: { dataClass: TangoePushReceivedData, dataVersion: 1, origins: [Origin.Tangoe], topic: 'tangoePushes' },
} as const satisfies Record<string, EventDefinition>;

export type EventType = keyof typeof EVENT_DEFINITIONS;

/** Data body of each event type, so producer and consumer share one type (`PayloadOf<'CommentAdded'>`). */
export type PayloadOf<T extends EventType> = InstanceType<(typeof EVENT_DEFINITIONS)[T]['dataClass']>;

export const EVENT_TYPE_NAMES = Object.keys(EVENT_DEFINITIONS) as readonly EventType[];

/**
 * Every module refers to these constants (`EventTypes.CommentAdded`), never to a bare string, so a renamed event is
 * a compile error everywhere at once.
 */
export const EventTypes = Object.fromEntries(EVENT_TYPE_NAMES.map((type) => [type, type])) as { readonly [T in EventType]: T };

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && Object.hasOwn(EVENT_DEFINITIONS, value);
}
