/**
 * When a failed delivery is tried again, shaped like Standard Webhooks' schedule: immediately, 5 s, 5 min, 30 min,
 * 2 h, 5 h, 10 h, 10 h; then it is parked. DELIVERY_TIME_SCALE shrinks it for tests (0.001 makes 5 min 300 ms).
 */
export const DELIVERY_SCHEDULE_MS = [0, 5_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 5 * 3_600_000, 10 * 3_600_000, 10 * 3_600_000];

export function nextDelayMs(failedAttempts: number, retryAfterMs: number | undefined, scale = Number(process.env.DELIVERY_TIME_SCALE ?? 1)): number | undefined {
  if (failedAttempts >= DELIVERY_SCHEDULE_MS.length) return undefined;
  const scheduled = DELIVERY_SCHEDULE_MS[failedAttempts] * scale;
  // A Retry-After asks for at least that long; it never shortens the schedule.
  return Math.max(scheduled, retryAfterMs ?? 0);
}

/** 5xx, 408, 425 and 429 may pass; any other 4xx will fail the same way again, and 410 says the endpoint is gone. */
export function isRetriableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 425 || status === 429;
}
