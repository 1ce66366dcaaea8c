/**
 * A webhook kinder than any ITSM documents: each record's webhooks leave in the order they were made, one at a time,
 * the head retried until the receiver answers. A 2xx is delivered; a 4xx is the receiver refusing the body, noted and
 * not retried; a 5xx or no answer is retried after a growing pause. Only the fault suite's ServiceNow uses it
 * (`webhookDelivery: 'retry-in-order'`), so that a bridge ingress killed mid-run loses nothing, until reconciliation
 * finds what a lost webhook would have said (issue 17); every stand-in otherwise delivers as its vendor does
 * (`webhook-delivery/`).
 */
export class OrderedWebhookQueue {
  private readonly lanes = new Map<string, Promise<void>>();
  private inFlight = 0;

  constructor(
    private readonly failures: string[],
    private readonly retry = { firstPauseMs: 200, maxPauseMs: 2_000 },
  ) {}

  send(lane: string, url: string, headers: Record<string, string>, body: string, label: string): void {
    this.inFlight += 1;
    const previous = this.lanes.get(lane) ?? Promise.resolve();
    const next = previous.then(() => this.deliver(url, headers, body, label)).finally(() => {
      this.inFlight -= 1;
      if (this.lanes.get(lane) === next) this.lanes.delete(lane);
    });
    this.lanes.set(lane, next);
  }

  /** Webhooks made and not yet answered with a 2xx or 4xx: zero once the ITSM has told the bridge everything. */
  pending(): number {
    return this.inFlight;
  }

  private async deliver(url: string, headers: Record<string, string>, body: string, label: string): Promise<void> {
    for (let pause = this.retry.firstPauseMs; ; pause = Math.min(pause * 2, this.retry.maxPauseMs)) {
      try {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, signal: AbortSignal.timeout(10_000) });
        await response.arrayBuffer();
        if (response.ok) return;
        if (response.status < 500 && response.status !== 408 && response.status !== 429) {
          this.failures.push(`${label}: ${response.status}`);
          return;
        }
      } catch {
        // The receiver is down or cut the connection: the ITSM tries again.
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}
