/**
 * Keys with events waiting in the retry topic. While a key has one, its later events follow it into the retry
 * topic instead of overtaking it, so order per ticket survives a retry; other keys flow on.
 */
export class KeysInRetry {
  private readonly outstanding = new Map<string, number>();

  hasRetry(key: string): boolean {
    return this.outstanding.has(key);
  }

  enter(key: string): void {
    this.outstanding.set(key, (this.outstanding.get(key) ?? 0) + 1);
  }

  leave(key: string): void {
    const left = (this.outstanding.get(key) ?? 0) - 1;
    if (left > 0) this.outstanding.set(key, left);
    else this.outstanding.delete(key);
  }

  clear(): void {
    this.outstanding.clear();
  }

  get size(): number {
    return this.outstanding.size;
  }
}
