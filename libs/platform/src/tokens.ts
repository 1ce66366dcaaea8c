/** Injection tokens of what the platform module provides. */
export const BUS = Symbol('MessageBus');
export const DATABASE = Symbol('Database');
export const TOPICS = Symbol('TopicNames');
export const LOGGER = Symbol('Logger');
export const SETTINGS = Symbol('ServiceSettings');
export const METRICS = Symbol('Metrics');
