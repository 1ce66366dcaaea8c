/** The sandbox's "now". Injectable, so tests expire tokens and slide the rate window without waiting. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
