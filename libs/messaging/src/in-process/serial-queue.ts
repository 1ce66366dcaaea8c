import type { AsyncResource } from 'node:async_hooks';

/**
 * Runs queued jobs one at a time, in order: one lane of one partition. `idle()` resolves when the lane has
 * nothing left to do.
 */
export class SerialQueue<T> {
  private readonly items: T[] = [];
  private running?: Promise<void>;
  private working = false;

  /**
   * `scope` is the async context the work runs in. A consumer must not run inside its publisher's context (its
   * transaction, its request's async-local state), as it never would across Kafka.
   */
  constructor(
    private readonly work: (item: T) => Promise<void>,
    private readonly onError: (error: unknown, item: T) => void,
    private readonly scope: AsyncResource,
  ) {}

  push(item: T): void {
    this.items.push(item);
    this.running ??= this.scope.runInAsyncScope(() => this.drain());
  }

  /** Jobs not finished yet: queued, and the one running. */
  get pending(): number {
    return this.items.length + (this.working ? 1 : 0);
  }

  /** Something is queued or running. */
  get busy(): boolean {
    return this.items.length > 0 || this.running !== undefined;
  }

  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Drops what has not started yet; returns it so the caller can say what was dropped. */
  clear(): T[] {
    return this.items.splice(0, this.items.length);
  }

  private async drain(): Promise<void> {
    try {
      for (let item = this.items.shift(); item !== undefined; item = this.items.shift()) {
        this.working = true;
        try {
          await this.work(item);
        } catch (error) {
          this.onError(error, item);
        } finally {
          this.working = false;
        }
      }
    } finally {
      this.running = undefined;
    }
  }
}
