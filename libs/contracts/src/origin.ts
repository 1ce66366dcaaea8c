/** Which side of the bridge an event comes from; drives topic choice and echo suppression. */
export const Origin = { Client: 'client', Tangoe: 'tangoe' } as const;
export type Origin = (typeof Origin)[keyof typeof Origin];
export const ORIGINS: readonly Origin[] = Object.values(Origin);
