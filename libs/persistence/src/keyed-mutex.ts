/**
 * One holder per key at a time in this process, in the order they asked; other keys run at once, and a holder that
 * fails does not stop the next. The in-process half of `Database.exclusive`.
 */
export class KeyedMutex {
  private readonly running = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.running.get(key) ?? Promise.resolve();
    const result = before.then(work, work);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.running.set(key, settled);
    // The last holder of a key removes its entry, so the map holds only keys in use.
    void settled.then(() => {
      if (this.running.get(key) === settled) this.running.delete(key);
    });
    return result;
  }
}
