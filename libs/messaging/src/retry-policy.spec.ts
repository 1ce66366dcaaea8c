import { exponentialBackoff } from './retry-policy';
import { EventValidationError } from '@bridge/contracts';
import { MessagingError, classifyFailure } from './failure';
import { HandlerError } from './testing/handler-error';

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
    expect(classifyFailure(new HandlerError('tangoe_rejected', '422', { retriable: false }))).toEqual({ code: 'tangoe_rejected', message: '422', retriable: false });
    expect(classifyFailure(new MessagingError('publish_failed', 'not acknowledged'))).toEqual({ code: 'publish_failed', message: 'not acknowledged', retriable: true });
    expect(classifyFailure(new Error('socket hang up'))).toEqual({ code: 'handler_failed', message: 'socket hang up', retriable: true });
    expect(classifyFailure('weird')).toEqual({ code: 'handler_failed', message: 'weird', retriable: true });
  });

  it("reads the bridge's errors only: a foreign error's own code or flag decides nothing", () => {
    class ForeignLibraryError extends Error {
      readonly code = 'LEADER_NOT_AVAILABLE';
      readonly retriable = false;
    }
    expect(classifyFailure(new ForeignLibraryError('leader not available'))).toEqual({ code: 'handler_failed', message: 'leader not available', retriable: true });
  });
});
