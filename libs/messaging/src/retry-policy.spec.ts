import { exponentialBackoff } from './retry-policy';
import { classifyFailure } from './failure';
import { EventValidationError } from '@bridge/contracts';

describe('exponentialBackoff', () => {
  it('doubles up to the ceiling without jitter', () => {
    const policy = exponentialBackoff({ maxRetries: 5, initialDelayMs: 100, maxDelayMs: 350, jitter: 0 });
    expect([1, 2, 3, 4].map((n) => policy.delayMs(n))).toEqual([100, 200, 350, 350]);
  });

  it('spreads delays below the ceiling with jitter', () => {
    const policy = exponentialBackoff({ maxRetries: 5, initialDelayMs: 1000, maxDelayMs: 1000, jitter: 1, random: () => 0.25 });
    expect(policy.delayMs(1)).toBe(750);
  });
});

describe('classifyFailure', () => {
  it('parks invalid events and errors that say they are not retriable, retries the rest', () => {
    expect(classifyFailure(new EventValidationError('X', ['a'], ['a bad'])).retriable).toBe(false);
    expect(classifyFailure(Object.assign(new Error('422'), { code: 'tangoe_rejected', retriable: false }))).toEqual({
      code: 'tangoe_rejected',
      message: '422',
      retriable: false,
    });
    expect(classifyFailure(new Error('socket hang up')).retriable).toBe(true);
    expect(classifyFailure('weird').code).toBe('handler_failed');
  });
});
