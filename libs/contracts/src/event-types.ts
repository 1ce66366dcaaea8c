/**
 * The three event types of the bridge, as the design card names them. Every other module refers to these
 * constants, never to a bare string, so a renamed event is a compile error everywhere at once.
 */
export const EventTypes = {
  TicketOpened: 'TicketOpened',
  CommentAdded: 'CommentAdded',
  StateChanged: 'StateChanged',
} as const;

export type EventType = (typeof EventTypes)[keyof typeof EventTypes];

export const EVENT_TYPE_NAMES: readonly EventType[] = Object.values(EventTypes);

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && (EVENT_TYPE_NAMES as readonly string[]).includes(value);
}

/** Which side of the bridge an event comes from; drives topic choice and echo suppression. */
export const Origins = { Client: 'client', Tangoe: 'tangoe' } as const;
export type Origin = (typeof Origins)[keyof typeof Origins];
export const ORIGIN_VALUES: readonly Origin[] = Object.values(Origins);
