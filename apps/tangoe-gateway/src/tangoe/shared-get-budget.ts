import { setTimeout as sleep } from 'node:timers/promises';
import { GetBudget, TangoeApiError } from '@bridge/tangoe-client';
import type { GetGrantsRepository } from './get-grants.repository';

export interface SharedGetBudgetOptions {
  /** GETs per window; Tangoe allows 100 per minute per API user. */
  limit: number;
  /** Share of the limit left for the client's other uses of the same API user. */
  reservedShare?: number;
  /**
   * A little longer than Tangoe's minute: a GET granted now may arrive a moment later, and Tangoe counts arrivals.
   */
  windowMs?: number;
  /** How long acquire waits for a free slot before failing with a retriable error. */
  maxWaitMs?: number;
}

/**
 * Tangoe's GET budget shared by every replica: the grants are counted where all of them count (`GetGrantsRepository`),
 * and an ask that finds the window full waits until its oldest grant leaves it, up to `maxWaitMs`.
 */
export class SharedGetBudget implements GetBudget {
  private readonly allowed: number;
  private readonly windowMs: number;
  private readonly maxWaitMs: number;

  constructor(private readonly grants: Pick<GetGrantsRepository, 'tryGrant'>, options: SharedGetBudgetOptions) {
    this.allowed = Math.max(1, Math.floor(options.limit * (1 - (options.reservedShare ?? 0))));
    this.windowMs = options.windowMs ?? 62_000;
    this.maxWaitMs = options.maxWaitMs ?? 5 * 60_000;
  }

  async acquire(apiUser: string): Promise<Date> {
    const deadline = Date.now() + this.maxWaitMs;
    for (;;) {
      const { grantedAt, waitMs } = await this.grants.tryGrant(apiUser, this.allowed, this.windowMs);
      if (grantedAt) return grantedAt;
      if (Date.now() + waitMs > deadline) {
        throw new TangoeApiError('rate_limited', `Tangoe GET budget of ${apiUser} exhausted for longer than ${this.maxWaitMs} ms`, { retryAfterMs: waitMs });
      }
      await sleep(waitMs);
    }
  }
}
