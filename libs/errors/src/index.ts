export * from './bridge-error';
