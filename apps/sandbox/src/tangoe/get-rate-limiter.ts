/**
 * Tangoe's limit: 100 GET requests per minute per API user. A sliding window of accepted GETs per user; a refused
 * request does not count. Every grant is kept so tests can check the limit was never exceeded in any window.
 */
export class GetRateLimiter {
  private readonly grants = new Map<string, number[]>();

  constructor(private readonly limit = 100, private readonly windowMs = 60_000) {}

  /** Returns 0 when the GET may go through (and counts it), or the milliseconds until it could. */
  take(apiUser: string, now: number): number {
    const times = this.grants.get(apiUser) ?? [];
    const inWindow = times.filter((t) => t > now - this.windowMs);
    if (inWindow.length >= this.limit) return inWindow[inWindow.length - this.limit] + this.windowMs - now;
    times.push(now);
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
