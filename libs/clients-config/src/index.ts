import 'reflect-metadata';

export * from './clients-config.error';
export * from './secret-ref';
export * from './client-config';
export * from './load-clients-file';
export * from './client-directory';
export * from './inbound-credentials';
export * from './clients-change';
