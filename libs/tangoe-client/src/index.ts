export * from './tangoe-api-error';
export * from './tangoe-types';
export * from './token-provider';
export * from './get-budget';
export * from './tangoe-client';
export * from './tangoe-activities';
export * from './updated-since';
