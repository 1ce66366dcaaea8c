export * from './drift-sides';
export * from './drift-item';
export { findDrift, isEndedAtTangoe } from './find-drift';
export * from './drift-routes';
export * from './drift-report';
