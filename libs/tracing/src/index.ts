export * from './tracing';
export * from './safe-url';
