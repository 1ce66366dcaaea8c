import { classifyFailure } from '@bridge/messaging';
import type { Queryable } from '@bridge/persistence';
import { EligibleClients } from './eligible-clients';
import { WorkLineError } from './work-line.error';
import { ClaimScope, WorkLineRepository, WorkRow } from './work-line.repository';
import { RetrySchedule, WorkDecision, WorkOutcome, decide } from './work-outcome';

/** How long a claim's lease runs unless renewed, and how often a running attempt renews it. */
const LEASE_MS = 15_000;
const RENEW_EVERY_MS = 2_000;
/** An idle line looks again after idlePollMs, doubled each time it finds nothing due, up to this many times it. */
const IDLE_BACKOFF_FACTOR = 16;
/** The shortest wait for a head due soon, so a probe never spins. */
const SHORTEST_WAIT_MS = 5;

/** Why a lane was woken: an item appended here (its ring), or to look for whatever is due. */
type Wake = 'appended' | 'look';

export interface WorkLineLogger {
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface WorkLineOptions<R extends WorkRow, O extends WorkOutcome = WorkOutcome> {
  repository: WorkLineRepository<R>;
  /**
   * One attempt at an item, which its lease holds; no transaction is open meanwhile. A throw is a failed attempt
   * (its error says if retriable). What the service writes with the outcome belongs in `onDecision`.
   */
  handle(item: R): Promise<O>;
  schedule: RetrySchedule;
  /**
   * The clients whose items may be worked on now; read at most once every `idlePollMs` for all the lanes (and
   * afresh after `clientsChanged`), so a pause stops a line between items within that time.
   */
  eligibleClients(): Promise<readonly string[]> | readonly string[];
  /**
   * Told of every decision, in the transaction that writes it, with the outcome the handler gave (which may carry
   * what the service records beside it: an attempt log, a record created). Undefined outcome: the handler threw.
   */
  onDecision?(item: R, decision: WorkDecision, outcome: O | undefined, tx: Queryable): Promise<void> | void;
  /** Items worked on at once by this replica. */
  lanes: number;
  /**
   * How long an idle line waits before looking again, unless rung: one probe for all its lanes, waiting longer
   * (up to 16 times this) while nothing is due, and no longer than until the next head it knows of is due.
   */
  idlePollMs: number;
  logger: WorkLineLogger;
}

/**
 * Works a line: a few lanes per replica claim due heads and run the handler; the line decides what follows each
 * attempt. Replicas share the work through the claims' leases; no replica is special. `ring` wakes an idle lane
 * at once (an item appended here; `clientsChanged` also when a client is paused or resumed here), so an item waits
 * for a lane, not for a poll interval; a lane that was woken to look and claims an item wakes another, so a backlog
 * spreads over the lanes (each appended item's own ring spreads a burst of appends).
 * While every lane is idle one probe looks for what another replica appended or what came due, backing off while
 * there is nothing.
 *
 * A claim is one statement that leases the item and commits; the lane renews the lease while its attempt runs and
 * writes the decision, clearing the lease, in one transaction after it (ADR 25). No transaction is open while the
 * work calls out, and a claim lost with its connection (a PostgreSQL restart) still holds the item until its lease
 * lapses: never two attempts at one item at once.
 */
export class WorkLineWorker<R extends WorkRow, O extends WorkOutcome = WorkOutcome> {
  private running = false;
  private lanes: Promise<void>[] = [];
  private watching: Promise<void> = Promise.resolve();
  /** Lanes asleep for want of work, each waiting to be woken, and told why. */
  private readonly idle: Array<(why: Wake) => void> = [];
  /** A wake that found no lane asleep: the next lane about to sleep looks once more instead (a look, if any was). */
  private missedWake: Wake | undefined;
  private idleWaitMs: number;
  private wakeWatcher?: () => void;
  /** The line is busy again: the probe's backed-off wait starts over from one tick (a retry soon is seen soon). */
  private restartWatcher?: () => void;
  private readonly clients: EligibleClients;

  constructor(private readonly options: WorkLineOptions<R, O>) {
    this.clients = new EligibleClients(() => options.eligibleClients(), options.idlePollMs);
    this.idleWaitMs = options.idlePollMs;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.lanes = Array.from({ length: this.options.lanes }, () => this.lane());
    this.watching = this.watch();
  }

  /** Stops claiming; what is in hand finishes and its decision is written first. */
  async stop(): Promise<void> {
    this.running = false;
    for (const wake of this.idle.splice(0)) wake('look');
    this.wakeWatcher?.();
    await Promise.all([...this.lanes, this.watching]);
  }

  /**
   * An item was appended or put back in line: a lane looks at once (with the eligible clients it knows). One ring
   * for each item: the lane it wakes takes that item and wakes no other, as the next item's ring does that.
   */
  ring(): void {
    this.busyAgain();
    this.wakeOneLane('appended');
  }

  /**
   * Which clients may be worked on changed here (a pause, a resume, an endpoint re-enabled, a reload): the clients
   * are read afresh and a lane looks at once. A change made on another replica is seen within `idlePollMs`.
   */
  clientsChanged(): void {
    this.clients.forget();
    this.busyAgain();
    this.wakeOneLane('look');
  }

  /**
   * An operator's replay: puts the key's parked items back in line and works the key here and now, until its head
   * is not due, parked again, held by another replica, or the line is empty, so the answer can say how it went.
   * `clients`: the eligible clients the caller has just read, for the first claim. Returns how many items were worked.
   */
  async replayKey(clientId: string, externalSourceId: string, options: { clients?: readonly string[]; maxItems?: number } = {}): Promise<number> {
    const key = { clientId, externalSourceId };
    const maxItems = options.maxItems ?? 1_000;
    let worked = 0;
    while (worked < maxItems) {
      const clients = worked === 0 && options.clients ? options.clients : await this.clients.get();
      if (!clients.includes(clientId)) break;
      // The first claim replays in its own transaction: no lane of any replica can take the item in between.
      const prepare = worked === 0 ? (tx: Queryable) => this.options.repository.replay(key, tx) : undefined;
      const claimed = await this.workNext({ clients, key }, prepare);
      if (!claimed) break;
      worked += 1;
      if (claimed.kind !== 'done') break;
    }
    return worked;
  }

  private async lane(): Promise<void> {
    let why: Wake = 'look';
    while (this.running) {
      let worked = false;
      // A lane that found work wakes another, so a backlog (another replica's, retries come due) spreads over the
      // lanes; one woken for an appended item does not: that item's ring woke it, and the next one's wakes the next.
      const spread = why === 'look' ? () => this.wakeOneLane('look') : undefined;
      try {
        worked = (await this.workNext({ clients: await this.clients.get() }, undefined, spread)) !== undefined;
      } catch (error) {
        // The database itself failed (the claim, or the decision's write): nothing was settled, the item is where it was.
        this.options.logger.error({ error: (error as Error).message }, 'work line lane failed; trying again');
        why = await this.sleepUntilWoken(1_000);
        continue;
      }
      if (worked) {
        this.busyAgain();
        why = 'look';
      } else why = await this.sleepUntilWoken();
    }
  }

  /**
   * While any lane is idle, one probe a tick asks whether a head is due (appended by another replica, or its retry
   * come) and wakes a lane if so; the tick grows while nothing is, and never outlasts the next head it knows of.
   */
  private async watch(): Promise<void> {
    while (this.running) {
      await this.watcherWait(this.idleWaitMs);
      if (!this.running) return;
      if (this.idle.length === 0) {
        this.idleWaitMs = this.options.idlePollMs;
        continue;
      }
      try {
        const dueInMs = await this.options.repository.nextDueInMs(await this.clients.get());
        if (dueInMs !== undefined && dueInMs <= 0) {
          this.idleWaitMs = this.options.idlePollMs;
          this.wakeOneLane('look');
        } else {
          const backedOff = Math.min(this.idleWaitMs * 2, this.options.idlePollMs * IDLE_BACKOFF_FACTOR);
          this.idleWaitMs = dueInMs === undefined ? backedOff : Math.max(SHORTEST_WAIT_MS, Math.min(dueInMs, backedOff));
        }
      } catch (error) {
        this.options.logger.error({ error: (error as Error).message }, 'work line probe failed; trying again');
        this.idleWaitMs = Math.max(1_000, this.options.idlePollMs);
      }
    }
  }

  private busyAgain(): void {
    this.idleWaitMs = this.options.idlePollMs;
    this.restartWatcher?.();
  }

  private wakeOneLane(why: Wake): void {
    const wake = this.idle.shift();
    if (wake) wake(why);
    else this.missedWake = this.missedWake === 'look' ? 'look' : why;
  }

  /** Until a ring, the probe or a stop wakes this lane, saying why; or `ms` have passed, when given (a look). */
  private async sleepUntilWoken(ms?: number): Promise<Wake> {
    // A stop wakes the lanes asleep when it comes; a lane then busy (its claim in flight) must not fall asleep after.
    if (!this.running) return 'look';
    const missed = this.missedWake;
    if (missed) {
      this.missedWake = undefined;
      return missed;
    }
    let timer: NodeJS.Timeout | undefined;
    let wake: (why: Wake) => void = () => undefined;
    const why = await new Promise<Wake>((resolve) => {
      wake = resolve;
      this.idle.push(wake);
      if (ms !== undefined) timer = setTimeout(() => resolve('look'), ms);
    });
    clearTimeout(timer);
    // Woken by its timer: no longer asleep, so no ring is spent on it.
    const listed = this.idle.indexOf(wake);
    if (listed >= 0) this.idle.splice(listed, 1);
    return why;
  }

  private async watcherWait(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      let timer = setTimeout(resolve, ms);
      this.wakeWatcher = () => (clearTimeout(timer), resolve());
      this.restartWatcher = () => {
        clearTimeout(timer);
        timer = setTimeout(resolve, this.options.idlePollMs);
      };
    });
    this.wakeWatcher = undefined;
    this.restartWatcher = undefined;
  }

  /** `onClaimed`: told once an item is in hand, before the attempt (a lane wakes another then). */
  private async workNext(scope: ClaimScope, prepare?: (tx: Queryable) => Promise<unknown>, onClaimed?: () => void): Promise<WorkDecision | undefined> {
    const { repository, onDecision } = this.options;
    const item = await repository.claim(scope, LEASE_MS, prepare);
    if (!item) return undefined;
    onClaimed?.();
    const { outcome, given } = await this.leased(item, () => this.attempt(item));
    const decision = decide(outcome, item.attempts, this.options.schedule);
    try {
      await repository.inTransaction(async (tx) => {
        await repository.settle(tx, item, decision);
        await onDecision?.(item, decision, given, tx);
      });
    } catch (error) {
      if (error instanceof WorkLineError && error.code === 'lease_lost') {
        // Its renewals failed for longer than a lease (the database unreachable) and another claim took the item:
        // that holder decides now.
        this.options.logger.warn({ itemId: item.id, decision: decision.kind }, error.message);
        return decision;
      }
      // The decision could not be written (the database cut): the attempt is over all the same, and the next claim
      // (here or on another replica) need not wait for its lease to lapse; the item itself is where it was.
      await repository.releaseLease(item).catch(() => undefined);
      throw error;
    }
    return decision;
  }

  /**
   * Runs the attempt with its item's lease renewed every few seconds for as long as it runs, however long its calls
   * wait (a GET budget, Retry-After): only a lane that stopped renewing (its process died, the database out of reach
   * for longer than a lease) lets its item go.
   */
  private async leased<T>(item: R, attempt: () => Promise<T>): Promise<T> {
    const renewal = setInterval(() => void this.options.repository.renewLease(item, LEASE_MS).catch(() => undefined), RENEW_EVERY_MS);
    try {
      return await attempt();
    } finally {
      clearInterval(renewal);
    }
  }

  private async attempt(item: R): Promise<{ outcome: WorkOutcome; given?: O }> {
    try {
      const given = await this.options.handle(item);
      return { outcome: given, given };
    } catch (error) {
      const failure = classifyFailure(error);
      return { outcome: { kind: 'failed', error: failure.message, retriable: failure.retriable, retryAfterMs: retryAfterOf(error) } };
    }
  }
}

/** An error may say how long its sender asked to wait (Retry-After). */
function retryAfterOf(error: unknown): number | undefined {
  const value = (error as { retryAfterMs?: unknown } | null)?.retryAfterMs;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
