/**
 * Runs async work one piece at a time, in arrival order. PGlite is a single connection: without this, a query
 * from one caller could land between another caller's BEGIN and COMMIT.
 */
export class AsyncMutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    // The next piece waits for this one to settle, whichever way it went.
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
