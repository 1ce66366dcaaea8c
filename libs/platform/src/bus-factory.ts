import { InProcessMessageBus, KafkaMessageBus, MessageBus } from '@bridge/messaging';
import type { Logger } from 'pino';
import type { ServiceSettings } from './service-settings';

/** Kafka when brokers are configured, the in-process bus otherwise (the standalone run). */
export function createMessageBus(settings: ServiceSettings, service: string, logger: Logger): MessageBus {
  if (!settings.KAFKA_BROKERS) return new InProcessMessageBus({ logger });
  return new KafkaMessageBus({
    brokers: settings.KAFKA_BROKERS.split(','),
    clientId: `bridge-${service}`,
    partitions: settings.KAFKA_PARTITIONS,
    logger,
  });
}
