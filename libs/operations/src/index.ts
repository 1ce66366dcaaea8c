export * from './both-ways-pause';
export * from './onboard-client';
