import { BridgeError } from '@bridge/errors';

export type WorkLineErrorCode = 'pool_too_small';

/** What a work line refuses to start with. */
export class WorkLineError extends BridgeError<WorkLineErrorCode> {
  constructor(code: WorkLineErrorCode, message: string) {
    super(code, message, { retriable: false });
  }
}

/**
 * A lane holds a pooled connection while it calls out, and its handler's own queries take another: a pool smaller
 * than two a lane, with room for the service's other work, would leave the lanes waiting on each other for
 * connections until their attempts time out. Refused at start, naming the settings to change.
 */
export function assertPoolHoldsLanes(poolSize: number, lanes: number, lanesSetting: string): void {
  const needed = 2 * lanes + 4;
  if (poolSize < needed) {
    throw new WorkLineError('pool_too_small', `DATABASE_POOL_SIZE (${poolSize}) must be at least 2 × ${lanesSetting} + 4 = ${needed}: each lane holds one connection while it calls out and its work takes another`);
  }
}
