import { EVENT_DEFINITIONS, EventDefinition } from './event-definitions';
import { EventEnvelope, originOf } from './event-envelope';
import { Origin } from './origin';

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
  /** Tangoe's pushes as they came to the ingress, consumed by the tangoe-gateway, which reads them. */
  readonly tangoePushes: string;
  /**
   * A consumer group of this namespace. Two deployments sharing a cluster (or the test runs sharing one broker)
   * must not share a group: its members would be handed each other's partitions and leave them unread.
   */
  consumerGroup(name: string): string;
}

export const DEFAULT_TOPIC_NAMESPACE = 'bridge';

/**
 * The consumer groups of the services, before the namespace: the gateway reads the client's events and Tangoe's
 * pushes, each in its own group; the notifier reads Tangoe's events (an extra ITSM adapter consumer, under its own
 * CONSUMER_GROUP). The bus's ACLs (docs/security.md#the-bus) grant each service its own.
 */
export const SERVICE_GROUPS = {
  gatewayClientEvents: 'tangoe-gateway',
  gatewayPushes: 'tangoe-gateway-pushes',
  notifier: 'outbound-notifier',
} as const;
const NAMESPACE_PATTERN = /^[a-zA-Z0-9._-]{1,100}$/;

export function topicNames(namespace: string = DEFAULT_TOPIC_NAMESPACE): TopicNames {
  if (!NAMESPACE_PATTERN.test(namespace)) {
    throw new TypeError(`topic namespace "${namespace}" may only contain letters, digits, ".", "_" and "-"`);
  }
  return {
    clientEvents: `${namespace}.client-events.v1`,
    tangoeEvents: `${namespace}.tangoe-events.v1`,
    tangoePushes: `${namespace}.tangoe-pushes.v1`,
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

/** Events travel away from the side they come from: the client's toward Tangoe, Tangoe's toward the client. */
const TOPIC_OF_ORIGIN = {
  [Origin.Client]: 'clientEvents',
  [Origin.Tangoe]: 'tangoeEvents',
} as const satisfies Record<Origin, keyof TopicNames>;

/** The topic its definition names, else the one of its direction, from the origin its definition allows or its data names. */
export function topicFor(names: TopicNames, event: EventEnvelope): string {
  const definition: EventDefinition = EVENT_DEFINITIONS[event.type];
  return names[definition.topic ?? TOPIC_OF_ORIGIN[originOf(event)]];
}
