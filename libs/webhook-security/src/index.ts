export * from './constant-time';
export * from './inbound-auth';
