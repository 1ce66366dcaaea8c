/**
 * Waits on many conditions at once with one timer: thousands of tickets in flight each wait for their next effect
 * in the sandboxes' memory, and one pass every `intervalMs` checks them all (a timer per wait would swamp the loop).
 */
export class Watcher {
  private readonly waits = new Set<{ probe: () => unknown; resolve: (value: unknown) => void; reject: (error: Error) => void; deadline: number; description: string }>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly intervalMs = 100) {}

  until<T>(probe: () => T | undefined | false, description: string, timeoutMs: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waits.add({ probe, resolve: resolve as (value: unknown) => void, reject, deadline: Date.now() + timeoutMs, description });
      this.timer ??= setInterval(() => this.check(), this.intervalMs);
    });
  }

  /** Hooks run before each pass: indexes refresh once per pass, not once per wait. */
  readonly beforePass: Array<() => void> = [];

  private check(): void {
    for (const hook of this.beforePass) hook();
    const now = Date.now();
    for (const wait of [...this.waits]) {
      let value: unknown;
      try {
        value = wait.probe();
      } catch (error) {
        this.waits.delete(wait);
        wait.reject(error as Error);
        continue;
      }
      if (value !== undefined && value !== false) {
        this.waits.delete(wait);
        wait.resolve(value);
      } else if (now > wait.deadline) {
        this.waits.delete(wait);
        wait.reject(new Error(`timed out waiting for ${wait.description}`));
      }
    }
    if (this.waits.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}
