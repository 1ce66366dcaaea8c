/**
 * One drain of a ticket's line at a time in this process. The handler of a retried event (read from the retry
 * lane) and the handler of the ticket's next event (read from the main topic) run at once after a rebalance; both
 * would send the head of the line, and the second, finding the first's call unanswered, would send it again.
 */
export class OneDrainPerTicket {
  private readonly running = new Map<string, Promise<unknown>>();

  run<T>(ticket: string, drain: () => Promise<T>): Promise<T> {
    const before = this.running.get(ticket) ?? Promise.resolve();
    const result = before.then(drain, drain);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.running.set(ticket, settled);
    // The last drain of a ticket removes its entry, so the map holds only tickets being drained.
    void settled.then(() => {
      if (this.running.get(ticket) === settled) this.running.delete(ticket);
    });
    return result;
  }
}
