export * from './work-outcome';
export * from './work-line.repository';
export * from './work-line.worker';
export * from './work-line.metric';
export * from './work-line.error';
