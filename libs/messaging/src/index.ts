export * from './message-bus.port';
export * from './retry-policy';
export * from './failure';
export * from './bus-logger';
export * from './publish-events';
export { REPLAY_OF_HEADER } from './dead-letters';
export { KafkaMessageBus, KafkaBusOptions } from './kafka/kafka-message-bus';
export { decodeDeadLetterRecord } from './kafka/record-headers';
export { InProcessMessageBus, InProcessBusOptions } from './in-process/in-process-message-bus';
