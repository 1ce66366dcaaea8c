export * from './constant-time';
export * from './inbound-auth';
export * from './standard-webhooks';
