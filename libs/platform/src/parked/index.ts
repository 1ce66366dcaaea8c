export * from './parked-item';
export * from './parked.error';
export * from './parked-error.filter';
export * from './parked-lines';
export * from './parked-dead-letters';
export * from './parked.controller';
