import { EventType, EventTypes, Origin, Origins } from './event-types';

/**
 * Topics by direction, so order holds across event types: a comment never overtakes its ticket on its way to
 * Tangoe, and a close never overtakes the note before it on its way to the client.
 *
 * A namespace prefixes every name so tests (and several bridges on one cluster) stay apart.
 */
export interface TopicNames {
  /** Client-side events, consumed by the tangoe-gateway. */
  readonly clientEvents: string;
  /** Tangoe-side events, consumed by the outbound-notifier and any extra ITSM adapter consumers. */
  readonly tangoeEvents: string;
  /**
   * A consumer group of this namespace. Two deployments sharing a cluster (or the test runs sharing one broker)
   * must not share a group: its members would be handed each other's partitions and leave them unread.
   */
  consumerGroup(name: string): string;
}

export const DEFAULT_TOPIC_NAMESPACE = 'bridge';
const NAMESPACE_PATTERN = /^[a-zA-Z0-9._-]{1,100}$/;

export function topicNames(namespace: string = DEFAULT_TOPIC_NAMESPACE): TopicNames {
  if (!NAMESPACE_PATTERN.test(namespace)) {
    throw new TypeError(`topic namespace "${namespace}" may only contain letters, digits, ".", "_" and "-"`);
  }
  return {
    clientEvents: `${namespace}.client-events.v1`,
    tangoeEvents: `${namespace}.tangoe-events.v1`,
    consumerGroup: (name) => `${namespace}.${name}`,
  };
}

/**
 * Retry and dead-letter topics belong to one consumer group: two groups reading the same topic fail and park
 * independently, so one adapter's outage never re-delivers to another.
 */
export function retryTopic(topic: string, group: string): string {
  return `${topic}.retry.${group}`;
}

export function deadLetterTopic(topic: string, group: string): string {
  return `${topic}.dlt.${group}`;
}

/** Which direction an event travels: TicketOpened always comes from the client; the others say so themselves. */
export function topicFor(names: TopicNames, type: EventType, origin: Origin | undefined): string {
  if (type === EventTypes.TicketOpened) return names.clientEvents;
  return origin === Origins.Tangoe ? names.tangoeEvents : names.clientEvents;
}
