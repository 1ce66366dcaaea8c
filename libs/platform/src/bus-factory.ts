import { InProcessMessageBus, KafkaMessageBus, MessageBus, busSecurityOf } from '@bridge/messaging';
import type { Logger } from 'pino';
import type { ServiceSettings } from './service-settings';

/**
 * The standalone run hosts every service in one process, and they must meet on one in-process bus: services get
 * a view of a shared bus, which closes when the last view does.
 */
let shared: { bus: InProcessMessageBus; views: number } | undefined;

function sharedInProcessBus(logger: Logger): MessageBus {
  shared ??= { bus: new InProcessMessageBus({ logger }), views: 0 };
  shared.views += 1;
  const { bus } = shared;
  let closed = false;
  /** The groups this service subscribed with: its dead letters are theirs, not every service's. */
  const groups = new Set<string>();
  const ownDeadLetters = async () => (await bus.listDeadLetters()).filter((letter) => groups.has(letter.group));
  return {
    publish: (topic, events, options) => bus.publish(topic, events, options),
    subscribe: (options) => {
      groups.add(options.group);
      return bus.subscribe(options);
    },
    ping: () => bus.ping(),
    consumerLag: () => bus.consumerLag(),
    listDeadLetters: ownDeadLetters,
    replayDeadLetter: async (id) => (await ownDeadLetters()).some((letter) => letter.id === id) && bus.replayDeadLetter(id),
    close: async () => {
      if (closed || !shared) return;
      closed = true;
      shared.views -= 1;
      if (shared.views === 0) {
        shared = undefined;
        await bus.close();
      }
    },
  };
}

/** Kafka when brokers are configured, the shared in-process bus otherwise (the standalone run). */
export function createMessageBus(settings: ServiceSettings, service: string, logger: Logger): MessageBus {
  if (!settings.KAFKA_BROKERS) return sharedInProcessBus(logger);
  return new KafkaMessageBus({
    brokers: settings.KAFKA_BROKERS.split(','),
    security: busSecurityOf(settings),
    clientId: `bridge-${service}`,
    partitions: settings.KAFKA_PARTITIONS,
    sessionTimeoutMs: settings.KAFKA_SESSION_TIMEOUT_MS,
    logger,
  });
}
