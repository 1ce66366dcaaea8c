import { EventEnvelope, TopicNames, topicFor } from '@bridge/contracts';
import { SpanKind, inSpan, traceHeaders } from '@bridge/tracing';
import type { MessageBus, PublishOptions } from './message-bus.port';

/**
 * Publishes events to the topic of their direction (DESIGN.md §3), keeping their order within each topic.
 * Services call this instead of choosing topic names themselves. Each batch is published in a producer span whose
 * W3C trace context goes into the records' headers, so the consumer's span continues the same trace.
 */
export async function publishEvents(
  bus: MessageBus,
  topics: TopicNames,
  events: readonly EventEnvelope[],
  options?: PublishOptions,
): Promise<void> {
  const byTopic = new Map<string, EventEnvelope[]>();
  for (const event of events) {
    const topic = topicFor(topics, event);
    const batch = byTopic.get(topic) ?? [];
    batch.push(event);
    byTopic.set(topic, batch);
  }
  for (const [topic, batch] of byTopic) {
    const attributes = { 'messaging.destination.name': topic, 'messaging.batch.message_count': batch.length, 'bridge.subject': batch[0].subject };
    await inSpan(`publish ${topic}`, { kind: SpanKind.PRODUCER, attributes }, () => bus.publish(topic, batch, { ...options, headers: { ...options?.headers, ...traceHeaders() } }));
  }
}
