/** Exponential backoff with full jitter: the n-th retry (1-based) waits a random time up to base·2ⁿ⁻¹, capped. */
export function backoffDelay(retry: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  return Math.round(random() * Math.min(maxMs, baseMs * 2 ** (retry - 1)));
}
