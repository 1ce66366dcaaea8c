import 'reflect-metadata';

export * from './bridge-cli';
export * from './cli-error';
