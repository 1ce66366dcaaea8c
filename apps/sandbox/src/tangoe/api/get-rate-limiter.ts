/**
 * Tangoe's limit: 100 GET requests per minute per API user. A sliding window of accepted GETs per user; a refused
 * request does not count. Every grant is kept, so tests can check the limit was never exceeded in any window.
 */
export class GetRateLimiter {
  private readonly grants = new Map<string, number[]>();

  constructor(
    readonly limit = 100,
    readonly windowMs = 60_000,
  ) {}

  /** 0 when the GET may go through (and it is counted), else the milliseconds until it could. */
  take(apiUser: string, now: number): number {
    const times = this.grants.get(apiUser) ?? [];
    const inWindow = times.length - firstAfter(times, now - this.windowMs);
    if (inWindow >= this.limit) return Math.max(1, times[times.length - this.limit] + this.windowMs - now);
    // Kept sorted even if an injected clock is set back.
    times.splice(firstAfter(times, now), 0, now);
    this.grants.set(apiUser, times);
    return 0;
  }

  /** The most GETs granted to one user within any window of the given length. */
  maxInAnyWindow(apiUser: string, windowMs = this.windowMs): number {
    const times = this.grants.get(apiUser) ?? [];
    let max = 0;
    for (let start = 0, end = 0; end < times.length; end++) {
      while (times[end] - times[start] >= windowMs) start++;
      max = Math.max(max, end - start + 1);
    }
    return max;
  }

  granted(apiUser: string): number {
    return this.grants.get(apiUser)?.length ?? 0;
  }
}

/** Index of the first time strictly after `t` in a sorted list. */
function firstAfter(times: number[], t: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (times[mid] <= t) low = mid + 1;
    else high = mid;
  }
  return low;
}
