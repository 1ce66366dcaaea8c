import 'reflect-metadata';

export * from './settings';
export * from './setting-formats';
