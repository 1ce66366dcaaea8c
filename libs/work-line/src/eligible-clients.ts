/**
 * The clients whose items may be worked on now, read once for every lane and probe that asks within `maxAgeMs`
 * (one read of the pauses a tick, not one a lane). `forget` drops what was read: a ring (a client resumed, an item
 * appended) makes the next claim read afresh, so a change made here is seen at once; one made elsewhere within a
 * tick.
 */
export class EligibleClients {
  private read?: { at: number; clients: Promise<readonly string[]> };

  constructor(
    private readonly source: () => Promise<readonly string[]> | readonly string[],
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<readonly string[]> {
    if (this.read && this.now() - this.read.at < this.maxAgeMs) return this.read.clients;
    const read = { at: this.now(), clients: Promise.resolve().then(() => this.source()) };
    this.read = read;
    // A failed read is not kept: the next asker tries again.
    read.clients.catch(() => {
      if (this.read === read) this.read = undefined;
    });
    return read.clients;
  }

  forget(): void {
    this.read = undefined;
  }
}
