import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { MessageBus } from '@bridge/messaging';

/**
 * Prometheus metrics of one service: its own registry (several services share a process in the standalone run),
 * Node's defaults, and the bridge's counters. Labels are low-cardinality on purpose: no ticket ids.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly eventsPublished: Counter<'topic' | 'type'>;
  readonly eventsConsumed: Counter<'topic' | 'type' | 'outcome'>;
  readonly deliveries: Counter<'client' | 'outcome'>;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.eventsPublished = new Counter({ name: 'bridge_events_published_total', help: 'Events published, by topic and type.', labelNames: ['topic', 'type'], registers: [this.registry] });
    this.eventsConsumed = new Counter({
      name: 'bridge_events_consumed_total',
      help: 'Events handed to handlers, by topic, type and outcome (handled, failed).',
      labelNames: ['topic', 'type', 'outcome'],
      registers: [this.registry],
    });
    this.deliveries = new Counter({ name: 'bridge_deliveries_total', help: 'Delivery attempts to client endpoints, by client and outcome.', labelNames: ['client', 'outcome'], registers: [this.registry] });
    this.httpDuration = new Histogram({
      name: 'bridge_http_request_duration_seconds',
      help: 'HTTP requests served, by method, route and status.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
  }

  /** A gauge computed when Prometheus scrapes, for values that live elsewhere (parked items, budget used). */
  gauge(name: string, help: string, labelNames: string[], read: () => Promise<Array<{ labels: Record<string, string>; value: number }>>): void {
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const { labels, value } of await read()) this.set(labels, value);
      },
    });
  }
}

/** Counts what goes through a bus without the messaging library knowing about Prometheus. */
export function instrumentBus(bus: MessageBus, metrics: Metrics): MessageBus {
  // A broker that does not answer leaves the gauge empty for this scrape rather than failing the whole scrape.
  metrics.gauge('bridge_consumer_lag', 'Events published and not yet handled, per consumer group and topic (its retry topic included).', ['group', 'topic'], async () =>
    (await bus.consumerLag().catch(() => [])).map(({ group, topic, lag }) => ({ labels: { group, topic }, value: lag })),
  );
  return {
    publish: async (topic, events, options) => {
      await bus.publish(topic, events, options);
      for (const event of events) metrics.eventsPublished.inc({ topic, type: event.type });
    },
    subscribe: (options) =>
      bus.subscribe({
        ...options,
        handler: async (delivery) => {
          try {
            await options.handler(delivery);
            metrics.eventsConsumed.inc({ topic: delivery.topic, type: delivery.event.type, outcome: 'handled' });
          } catch (error) {
            metrics.eventsConsumed.inc({ topic: delivery.topic, type: delivery.event.type, outcome: 'failed' });
            throw error;
          }
        },
      }),
    ping: () => bus.ping(),
    consumerLag: () => bus.consumerLag(),
    listDeadLetters: () => bus.listDeadLetters(),
    replayDeadLetter: (id) => bus.replayDeadLetter(id),
    close: () => bus.close(),
  };
}
