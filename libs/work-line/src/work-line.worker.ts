import { classifyFailure } from '@bridge/messaging';
import type { Queryable } from '@bridge/persistence';
import { ClaimScope, WorkLineRepository, WorkRow } from './work-line.repository';
import { RetrySchedule, WorkDecision, WorkOutcome, decide } from './work-outcome';

/** How often a running attempt says it is alive, and how stale that may be before the attempt counts as over. */
const ALIVE_EVERY_MS = 2_000;
const ALIVE_WITHIN_MS = 15_000;

export interface WorkLineLogger {
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface WorkLineOptions<R extends WorkRow, O extends WorkOutcome = WorkOutcome> {
  repository: WorkLineRepository<R>;
  /** One attempt at an item, in the transaction that holds it. A throw is a failed attempt (its error says if retriable). */
  handle(item: R, tx: Queryable): Promise<O>;
  schedule: RetrySchedule;
  /** The clients whose items may be worked on now; asked before every claim, so a pause stops a line between items. */
  eligibleClients(): Promise<readonly string[]> | readonly string[];
  /**
   * Told of every decision, in the item's transaction, with the outcome the handler gave (which may carry what the
   * service records beside it: an attempt log, a counter). Undefined outcome: the handler threw.
   */
  onDecision?(item: R, decision: WorkDecision, outcome: O | undefined, tx: Queryable): Promise<void> | void;
  /** Items worked on at once by this replica. */
  lanes: number;
  /** How long an idle lane waits before looking again, unless rung. */
  idlePollMs: number;
  /**
   * The longest one attempt can run (its calls' timeouts and in-call retries together). An attempt whose lane lost
   * its claim (the connection cut) may still be running that long: the item is not attempted again before.
   */
  maxAttemptMs: number;
  logger: WorkLineLogger;
}

/**
 * Works a line: a few lanes per replica claim due heads and run the handler; the line decides what follows each
 * attempt. Replicas share the work through the claim's row locks; no replica is special. `ring` wakes idle lanes
 * at once (an item appended here, a client resumed), so an item waits for a lane, not for a poll interval.
 */
export class WorkLineWorker<R extends WorkRow, O extends WorkOutcome = WorkOutcome> {
  private running = false;
  private lanes: Promise<void>[] = [];
  private wakeUp?: () => void;
  private bell = this.newBell();

  constructor(private readonly options: WorkLineOptions<R, O>) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.lanes = Array.from({ length: this.options.lanes }, () => this.lane());
  }

  /** Stops claiming; what is in hand finishes and commits first. */
  async stop(): Promise<void> {
    this.running = false;
    this.ring();
    await Promise.all(this.lanes);
  }

  ring(): void {
    const wake = this.wakeUp;
    this.bell = this.newBell();
    wake?.();
  }

  /**
   * An operator's replay: puts the key's parked items back in line and works the key here and now, until its head
   * is not due, parked again, held by another replica, or the line is empty, so the answer can say how it went.
   * Returns how many items were worked.
   */
  async replayKey(clientId: string, externalSourceId: string, maxItems = 1_000): Promise<number> {
    const key = { clientId, externalSourceId };
    let worked = 0;
    while (worked < maxItems) {
      const clients = await this.options.eligibleClients();
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
    while (this.running) {
      const bell = this.bell;
      let worked = false;
      try {
        worked = (await this.workNext({ clients: await this.options.eligibleClients() })) !== undefined;
      } catch (error) {
        // The database itself failed (the claim, or the decision's write): nothing was settled, the item is where it was.
        this.options.logger.error({ error: (error as Error).message }, 'work line lane failed; trying again');
        await this.sleep(bell, 1_000);
        continue;
      }
      if (!worked) await this.sleep(bell, this.options.idlePollMs);
    }
  }

  private async workNext(scope: ClaimScope, prepare?: (tx: Queryable) => Promise<unknown>): Promise<WorkDecision | undefined> {
    const claimed = await this.options.repository.withNextHead(scope, async (item, tx) => {
      const runningMs = await this.options.repository.runningAttemptAge(tx, item.id, ALIVE_WITHIN_MS);
      if (runningMs !== undefined && runningMs < this.options.maxAttemptMs) {
        // An attempt whose claim was lost is still calling out (its lane keeps it alive): not a second one beside it.
        this.options.logger.warn({ itemId: item.id, runningMs }, 'an earlier attempt is still running; waiting for it');
        await this.options.repository.postpone(tx, item.id, ALIVE_WITHIN_MS);
        return { kind: 'later', attempts: item.attempts, delayMs: ALIVE_WITHIN_MS } as WorkDecision;
      }
      await this.options.repository.markInFlight(item.id);
      const { outcome, given } = await this.keptAlive(item.id, () => this.attempt(item, tx));
      const decision = decide(outcome, item.attempts, this.options.schedule);
      try {
        await this.options.repository.settle(tx, item.id, decision);
        await this.options.onDecision?.(item, decision, given, tx);
      } catch (error) {
        // The claim's transaction was cut while the attempt ran: the attempt is over all the same, and the next
        // claim (here or on another replica) need not wait for it; the item itself is where it was.
        await this.options.repository.clearInFlight(item.id).catch(() => undefined);
        throw error;
      }
      return decision;
    }, prepare);
    return claimed?.result;
  }

  /** Runs the attempt while telling other replicas, every few seconds, that it is still running. */
  private async keptAlive<T>(id: string, attempt: () => Promise<T>): Promise<T> {
    const beat = setInterval(() => void this.options.repository.keepInFlight(id).catch(() => undefined), ALIVE_EVERY_MS);
    try {
      return await attempt();
    } finally {
      clearInterval(beat);
    }
  }

  private async attempt(item: R, tx: Queryable): Promise<{ outcome: WorkOutcome; given?: O }> {
    try {
      const given = await this.options.handle(item, tx);
      return { outcome: given, given };
    } catch (error) {
      const failure = classifyFailure(error);
      return { outcome: { kind: 'failed', error: failure.message, retriable: failure.retriable, retryAfterMs: retryAfterOf(error) } };
    }
  }

  private newBell(): Promise<void> {
    return new Promise((resolve) => (this.wakeUp = resolve));
  }

  private async sleep(bell: Promise<void>, ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([bell, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
    clearTimeout(timer);
  }
}

/** An error may say how long its sender asked to wait (Retry-After). */
function retryAfterOf(error: unknown): number | undefined {
  const value = (error as { retryAfterMs?: unknown } | null)?.retryAfterMs;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
