import 'reflect-metadata';

export * from './origin';
export * from './event-definitions';
export * from './ticket-key';
export * from './topics';
export * from './headers';
export * from './tangoe-vocabulary';
export * from './activity-details';
export * from './event-data';
export * from './event-envelope';
export * from './event-codec';
export * from './contract-errors';
export * from './deterministic-id';
export * from './outbound-http';
export * from './admin-api';
export * from './payload-shape';
