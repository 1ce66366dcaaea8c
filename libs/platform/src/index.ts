import 'reflect-metadata';

export * from './tokens';
export * from './platform.error';
export * from './service-settings';
export * from './logger';
export * from './bus-factory';
export * from './bus-transport';
export * from './health.controller';
export * from './platform.module';
export * from './bootstrap';
export * from './raw-body';
export * from './clients.provider';
export * from './admin-token.guard';
export * from './metrics';
export * from './clients-reloader';
export * from './clients-reload-triggers';
export * from './clients-file-source';
