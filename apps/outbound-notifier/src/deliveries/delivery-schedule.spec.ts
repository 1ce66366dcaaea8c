import { MAX_RETRY_AFTER_MS } from '@bridge/contracts';
import { DELIVERY_SCHEDULE_MS, ENDPOINT_PAUSE_MS, asksToSlowDown, endpointPauseMs, isRetriableStatus, nextDelayMs, retryAfterMsOf, saysEndpointGone } from './delivery-schedule';

describe('delivery schedule', () => {
  it("is Standard Webhooks' example schedule, then parks", () => {
    const hours = (n: number) => n * 3_600_000;
    expect(DELIVERY_SCHEDULE_MS).toEqual([0, 5_000, 300_000, 1_800_000, hours(2), hours(5), hours(10), hours(14), hours(20), hours(24)]);
    expect([1, 2, 3].map((failed) => nextDelayMs(failed, undefined, 1))).toEqual([5_000, 300_000, 1_800_000]);
    expect(nextDelayMs(DELIVERY_SCHEDULE_MS.length, undefined, 1)).toBeUndefined();
  });

  it('is shrunk by the time scale, while Retry-After lengthens a wait and is never scaled', () => {
    expect(nextDelayMs(2, undefined, 0.001)).toBe(300);
    expect(nextDelayMs(2, 1_000, 0.001)).toBe(1_000);
    expect(nextDelayMs(2, 1_000, 1)).toBe(300_000);
  });

  it('reads Retry-After as seconds or as an HTTP date, and ignores what is neither', () => {
    const now = Date.parse('Wed, 02 Dec 2026 10:00:00 GMT');
    expect(retryAfterMsOf('120', now)).toBe(120_000);
    expect(retryAfterMsOf(' 3 ', now)).toBe(3_000);
    expect(retryAfterMsOf('Wed, 02 Dec 2026 10:01:30 GMT', now)).toBe(90_000);
    // A date already past asks for no wait at all, never a negative one.
    expect(retryAfterMsOf('Wed, 02 Dec 2026 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterMsOf('soon', now)).toBeUndefined();
    // A receiver asking for a week, or a date years ahead, is waited on a day: no endpoint is paused for ever.
    expect(retryAfterMsOf(String(7 * 86_400), now)).toBe(MAX_RETRY_AFTER_MS);
    expect(retryAfterMsOf('Wed, 02 Dec 2099 10:00:00 GMT', now)).toBe(3_600_000);
    expect(retryAfterMsOf(undefined, now)).toBeUndefined();
  });

  it('sorts answers as Standard Webhooks suggests: 410 stops the endpoint, 429/502/504 and Retry-After slow it', () => {
    expect(saysEndpointGone(410)).toBe(true);
    expect(isRetriableStatus(410)).toBe(false);
    expect([429, 502, 504].map((status) => asksToSlowDown(status, undefined))).toEqual([true, true, true]);
    expect(asksToSlowDown(503, 1_000)).toBe(true);
    expect([500, 503, 404, undefined].map((status) => asksToSlowDown(status, undefined))).toEqual([false, false, false, false]);
  });

  it("pauses the endpoint as long as the receiver asked, else briefly: never one delivery's growing backoff", () => {
    expect(endpointPauseMs(429, 30_000, 1)).toBe(30_000);
    expect(endpointPauseMs(503, 1_000, 0.001)).toBe(1_000);
    expect(endpointPauseMs(502, undefined, 1)).toBe(ENDPOINT_PAUSE_MS);
    expect(endpointPauseMs(504, undefined, 0.001)).toBe(5);
    expect(endpointPauseMs(500, undefined, 1)).toBeUndefined();
    expect(endpointPauseMs(undefined, undefined, 1)).toBeUndefined();
  });
});
