import { decide } from './work-outcome';

describe('the work line decides what follows an attempt', () => {
  const schedule = (failed: number, retryAfterMs?: number) => (failed <= 2 ? Math.max(1_000 * failed, retryAfterMs ?? 0) : undefined);

  it('counts a done attempt and lets the item go', () => {
    expect(decide({ kind: 'done' }, 2, schedule)).toEqual({ kind: 'done', attempts: 3 });
  });

  it('retries a retriable failure on the schedule, at least as late as the sender asked, then parks', () => {
    expect(decide({ kind: 'failed', error: '503', retriable: true }, 0, schedule)).toEqual({ kind: 'retry', attempts: 1, delayMs: 1_000, error: '503' });
    expect(decide({ kind: 'failed', error: '429', retriable: true, retryAfterMs: 30_000 }, 1, schedule)).toEqual({ kind: 'retry', attempts: 2, delayMs: 30_000, error: '429' });
    expect(decide({ kind: 'failed', error: '503', retriable: true }, 2, schedule)).toEqual({ kind: 'park', attempts: 3, error: '503', parkedCause: undefined });
  });

  it('parks a refusal for good at once, with its cause', () => {
    expect(decide({ kind: 'failed', error: '410', retriable: false, parkedCause: 'endpoint_gone' }, 0, schedule)).toEqual({ kind: 'park', attempts: 1, error: '410', parkedCause: 'endpoint_gone' });
  });

  it('does not count a wait as an attempt', () => {
    expect(decide({ kind: 'later', delayMs: 60_000 }, 1, schedule)).toEqual({ kind: 'later', attempts: 1, delayMs: 60_000 });
  });
});
