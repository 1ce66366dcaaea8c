import { GetRateLimiter } from './get-rate-limiter';

describe('GetRateLimiter', () => {
  it('grants 100 GETs in a window, refuses the 101st until the oldest leaves, and does not count refusals', () => {
    const limiter = new GetRateLimiter(100, 60_000);
    for (let i = 0; i < 100; i++) expect(limiter.take('acme', 1_000 + i)).toBe(0);
    expect(limiter.take('acme', 2_000)).toBe(1_000 + 60_000 - 2_000);
    expect(limiter.take('acme', 60_999)).toBe(1);
    expect(limiter.granted('acme')).toBe(100);
    expect(limiter.take('acme', 61_000)).toBe(0);
    expect(limiter.take('acme', 61_000)).toBeGreaterThan(0);
    expect(limiter.maxInAnyWindow('acme')).toBe(100);
  });

  it('slides: a window holds the newest GETs, not those of a fixed minute', () => {
    const limiter = new GetRateLimiter(10, 60_000);
    for (let i = 0; i < 5; i++) limiter.take('u', 0);
    for (let i = 0; i < 5; i++) limiter.take('u', 30_000);
    expect(limiter.take('u', 59_999)).toBe(1);
    for (let i = 0; i < 5; i++) expect(limiter.take('u', 60_000)).toBe(0);
    expect(limiter.take('u', 60_000)).toBe(30_000);
    expect(limiter.maxInAnyWindow('u', 60_000)).toBe(10);
  });

  it('keeps users apart', () => {
    const limiter = new GetRateLimiter(1, 1_000);
    expect(limiter.take('a', 0)).toBe(0);
    expect(limiter.take('b', 0)).toBe(0);
    expect(limiter.take('a', 1)).toBe(999);
  });

  it('finds the busiest window of any length among the grants', () => {
    const limiter = new GetRateLimiter(1_000, 60_000);
    [0, 10, 20, 5_000, 5_010, 9_999].forEach((t) => limiter.take('u', t));
    expect(limiter.maxInAnyWindow('u', 100)).toBe(3);
    expect(limiter.maxInAnyWindow('u', 10_000)).toBe(6);
    expect(limiter.maxInAnyWindow('nobody', 10_000)).toBe(0);
  });

  it('stays sorted when the clock is set back', () => {
    const limiter = new GetRateLimiter(2, 1_000);
    limiter.take('u', 5_000);
    limiter.take('u', 4_000);
    expect(limiter.maxInAnyWindow('u', 1_001)).toBe(2);
    expect(limiter.maxInAnyWindow('u', 1_000)).toBe(1);
  });
});
