/**
 * How often and how soon a failed event is tried again before it is parked. Delays grow exponentially with full
 * jitter, so a burst of failures (an ITSM down for everyone) does not come back as a synchronized burst.
 */
export interface RetryPolicy {
  /** Retries after the first attempt; 0 parks on the first failure. */
  maxRetries: number;
  /** Delay before retry number `retry` (1-based). */
  delayMs(retry: number): number;
}

export interface ExponentialBackoffOptions {
  maxRetries: number;
  initialDelayMs: number;
  maxDelayMs: number;
  /** 0 = exact delays (tests), 1 = full jitter. */
  jitter?: number;
  random?: () => number;
}

export function exponentialBackoff(options: ExponentialBackoffOptions): RetryPolicy {
  const jitter = options.jitter ?? 1;
  const random = options.random ?? Math.random;
  return {
    maxRetries: options.maxRetries,
    delayMs(retry: number): number {
      const ceiling = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** Math.max(0, retry - 1));
      return Math.round(ceiling * (1 - jitter * random()));
    },
  };
}

/** Bounded: a poison event reaches the dead-letter topic within about two minutes. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = exponentialBackoff({
  maxRetries: 5,
  initialDelayMs: 2_000,
  maxDelayMs: 60_000,
  jitter: 0.5,
});
