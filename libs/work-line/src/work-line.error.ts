import { BridgeError } from '@bridge/errors';

export type WorkLineErrorCode = 'pool_too_small' | 'lease_lost';

/** What a work line refuses to start with, or a decision it refuses to write (its attempt's lease lapsed). */
export class WorkLineError extends BridgeError<WorkLineErrorCode> {
  constructor(code: WorkLineErrorCode, message: string) {
    super(code, message, { retriable: false });
  }
}

/**
 * A lane's attempt takes a pooled connection for its own queries and, at the same moment, another to renew its
 * lease: a pool smaller than two a lane, with room for the service's other work, would leave the lanes waiting on
 * each other for connections, and their leases lapsing. Refused at start, naming the settings to change.
 */
export function assertPoolHoldsLanes(poolSize: number, lanes: number, lanesSetting: string): void {
  const needed = 2 * lanes + 4;
  if (poolSize < needed) {
    throw new WorkLineError('pool_too_small', `DATABASE_POOL_SIZE (${poolSize}) must be at least 2 × ${lanesSetting} + 4 = ${needed}: each lane's work takes one connection and the renewal of its lease another`);
  }
}
