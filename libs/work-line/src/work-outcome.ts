/**
 * What a line's handler says of one attempt at its item, and what the line does next. The decision between trying
 * again and parking is made here, and only here, for every work line of the bridge (the gateway's tickets, the
 * notifier's deliveries): a handler reports what happened, never when to try again.
 */
export type WorkOutcome =
  /** The item's effect is done: it leaves the line and the next item of its key becomes the head. */
  | { kind: 'done' }
  /**
   * The attempt failed. `retriable: false` parks the item at once (a refusal that will not pass by itself); a
   * retriable failure is tried again on the line's schedule, at least `retryAfterMs` later, and parked once the
   * schedule is spent. `parkedCause` marks an item parked for a reason outside it (its endpoint gone).
   */
  | { kind: 'failed'; error: string; retriable: boolean; retryAfterMs?: number; parkedCause?: string }
  /**
   * Not an attempt: the item cannot be worked on yet (its ticket not linked, its client just left the file) and
   * stays at the head of its key, untouched, for `delayMs`. Its attempts are not counted.
   */
  | { kind: 'later'; delayMs: number };

/** When the n-th failed attempt (1-based) is tried again, in ms; undefined once the schedule is spent. */
export type RetrySchedule = (failedAttempts: number, retryAfterMs: number | undefined) => number | undefined;

export type WorkDecision =
  | { kind: 'done'; attempts: number }
  | { kind: 'retry'; attempts: number; delayMs: number; error: string }
  | { kind: 'park'; attempts: number; error: string; parkedCause?: string }
  | { kind: 'later'; attempts: number; delayMs: number };

/** The line's decision for an item that had `attemptsBefore` failed attempts. */
export function decide(outcome: WorkOutcome, attemptsBefore: number, schedule: RetrySchedule): WorkDecision {
  switch (outcome.kind) {
    case 'done':
      return { kind: 'done', attempts: attemptsBefore + 1 };
    case 'later':
      return { kind: 'later', attempts: attemptsBefore, delayMs: Math.max(0, outcome.delayMs) };
    case 'failed': {
      const attempts = attemptsBefore + 1;
      const scheduled = outcome.retriable ? schedule(attempts, outcome.retryAfterMs) : undefined;
      if (scheduled === undefined) return { kind: 'park', attempts, error: outcome.error, parkedCause: outcome.parkedCause };
      // A Retry-After is waited out in full, whatever the line's own schedule says.
      return { kind: 'retry', attempts, delayMs: Math.max(scheduled, outcome.retryAfterMs ?? 0), error: outcome.error };
    }
  }
}
