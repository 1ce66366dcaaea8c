/**
 * Ties the faults to the workload's progress: fault k fires once `thresholds[k]` of the steps are done, and no step
 * beyond that point starts until it has fired, so every fault lands on a system with work in flight whatever the
 * size of the run or the speed of the machine.
 */
export class ProgressGate {
  private started = 0;
  private done = 0;
  private fired = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly doneWaiters: Array<{ steps: number; resolve: () => void }> = [];

  constructor(
    readonly totalSteps: number,
    private readonly thresholds: number[],
    /** Steps that may start past a threshold before its fault fires: the work in flight when it hits. */
    private readonly slack: number,
  ) {}

  get progress(): number {
    return this.done / this.totalSteps;
  }

  async beforeStep(): Promise<void> {
    while (this.fired < this.thresholds.length && this.started >= this.stepsAt(this.fired) + this.slack) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.started += 1;
  }

  stepDone(): void {
    this.done += 1;
    for (const waiter of [...this.doneWaiters]) {
      if (this.done >= waiter.steps) {
        this.doneWaiters.splice(this.doneWaiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  }

  /** Resolves once the next fault's share of the steps is done. */
  reached(fault: number): Promise<void> {
    const steps = this.stepsAt(fault);
    if (this.done >= steps) return Promise.resolve();
    return new Promise((resolve) => this.doneWaiters.push({ steps, resolve }));
  }

  /** The fault has been injected: steps held for it may start. */
  fire(): void {
    this.fired += 1;
    for (const release of this.waiting.splice(0)) release();
  }

  private stepsAt(fault: number): number {
    return Math.ceil(this.thresholds[fault] * this.totalSteps);
  }
}
