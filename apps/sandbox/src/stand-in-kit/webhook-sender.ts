import { randomUUID } from 'node:crypto';
import type { AttemptOutcome, DeliveryPolicy } from './delivery-policy';

/**
 * An ITSM stand-in's webhook: posts each body asynchronously, as its vendor does (`DeliveryPolicy`), and notes for
 * tests every delivery the vendor gave up on or never sent, with why.
 */
export class WebhookSender {
  readonly failures: string[] = [];
  /** What the network did to deliveries on purpose (tests, the fault suite): lost, sent twice, sent late. */
  readonly faulted: string[] = [];
  /** Network faults to inject, each a share of deliveries (0..1), drawn with `random`. */
  faults: { lose?: number; twice?: number; late?: number; lateMs?: number; random?: () => number; loseNext?: number } = {};
  private inFlight = 0;

  constructor(private readonly policy: DeliveryPolicy) {}

  send(url: string, headers: Record<string, string>, body: string, label: string): void {
    const random = this.faults.random ?? Math.random;
    if ((this.faults.loseNext ?? 0) > 0 || random() < (this.faults.lose ?? 0)) {
      if ((this.faults.loseNext ?? 0) > 0) this.faults.loseNext! -= 1;
      this.faulted.push(`${label}: lost`);
      return;
    }
    const copies = random() < (this.faults.twice ?? 0) ? 2 : 1;
    const delayMs = random() < (this.faults.late ?? 0) ? (this.faults.lateMs ?? 2_000) : 0;
    if (copies === 2) this.faulted.push(`${label}: sent twice`);
    if (delayMs > 0) this.faulted.push(`${label}: sent ${delayMs} ms late`);
    for (let copy = 0; copy < copies; copy += 1) {
      this.inFlight += 1;
      void (async () => {
        if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
        await this.deliver(url, headers, body, label);
      })().finally(() => (this.inFlight -= 1));
    }
  }

  /** Deliveries not yet answered with a 2xx or given up: zero once the ITSM has nothing more to say. */
  pending(): number {
    return this.inFlight;
  }

  private async deliver(url: string, headers: Record<string, string>, body: string, label: string): Promise<void> {
    const id = randomUUID();
    for (let number = 1; ; number += 1) {
      if (this.policy.admit && !this.policy.admit(Date.now())) {
        this.failures.push(`${label}: circuit broken`);
        return;
      }
      const outcome = await this.attempt(number, url, { ...headers, ...this.policy.headers({ id, attempt: number }) }, body);
      this.policy.record?.(outcome, Date.now());
      if (outcome.status !== undefined && outcome.status < 300) return;
      const wait = this.policy.nextAttemptInMs(outcome);
      if (wait === undefined) {
        this.failures.push(`${label}: ${outcome.status ?? (outcome.timedOut ? 'timed out' : 'unreachable')}${number > 1 ? ` after ${number} attempts` : ''}`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  private async attempt(number: number, url: string, headers: Record<string, string>, body: string): Promise<AttemptOutcome> {
    try {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, signal: AbortSignal.timeout(this.policy.timeoutMs) });
      await response.arrayBuffer();
      const retryAfter = Number(response.headers.get('retry-after'));
      return { number, status: response.status, retryAfterSeconds: response.headers.has('retry-after') && Number.isFinite(retryAfter) ? retryAfter : undefined, timedOut: false, unreachable: false };
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      return { number, timedOut, unreachable: !timedOut };
    }
  }
}
