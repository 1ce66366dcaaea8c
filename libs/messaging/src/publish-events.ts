import { EventEnvelope, TopicNames, originOf, topicFor } from '@bridge/contracts';
import type { MessageBus, PublishOptions } from './message-bus.port';

/**
 * Publishes events to the topic of their direction (DESIGN.md §3), keeping their order within each topic.
 * Services call this instead of choosing topic names themselves.
 */
export async function publishEvents(
  bus: MessageBus,
  topics: TopicNames,
  events: readonly EventEnvelope[],
  options?: PublishOptions,
): Promise<void> {
  const byTopic = new Map<string, EventEnvelope[]>();
  for (const event of events) {
    const topic = topicFor(topics, event.type, originOf(event));
    const batch = byTopic.get(topic) ?? [];
    batch.push(event);
    byTopic.set(topic, batch);
  }
  for (const [topic, batch] of byTopic) await bus.publish(topic, batch, options);
}
