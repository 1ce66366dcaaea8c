import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ClientConfig } from '@bridge/clients-config';
import { boundedWait, parseRetryAfter } from '@bridge/contracts';
import { BridgeError } from '@bridge/errors';
import axios from 'axios';
import { ItsmHttp, ReadAnswer, ReadFailed, ReadHttp } from '@bridge/itsm-adapters';

export type ReconciliationErrorCode = 'read_budget_spent';

/** The client's read budget is spent for this minute: a doorbell read does not wait for it; a later read may. */
export class ReadBudgetSpent extends BridgeError<ReconciliationErrorCode> {
  constructor(message: string) {
    super('read_budget_spent', message, { retriable: true });
  }
}

/** The longest a reader waits on one 429 before it gives the run up to its next turn. */
const LONGEST_WAIT_IN_RUN_MS = 60_000;
const RETRIES_ON_429 = 3;

/**
 * GETs on one client's ITSM for reconciliation, inside the client's budget (`reconcile.requestsPerMinute`, 60 by
 * default): at most that many in any minute, spaced as they come; a 429 is waited out as the ITSM says
 * (`Retry-After` in seconds or as a date, `X-RateLimit-Reset` / `RateLimit-Reset` in seconds) and asked again, a few
 * times, before the run stops. The budget is this replica's: a client's run holds a lease, so one replica at a time.
 */
@Injectable()
export class ItsmReadHttp {
  private readonly sent = new Map<string, number[]>();
  private readonly now: () => number = Date.now;

  constructor(private readonly http: ItsmHttp) {}

  /**
   * GETs for a webhook's doorbell read: inside the same budget, but never waiting, neither for the budget
   * (`ReadBudgetSpent`) nor on a 429 (a `ReadFailed`): a webhook is answered now.
   */
  immediate(client: ClientConfig): ReadHttp {
    return async (path, params) => {
      if (!this.take(client)) throw new ReadBudgetSpent(`client ${client.id}'s ITSM read budget is spent for this minute`);
      return this.get(client, path, params);
    };
  }

  /**
   * GETs for a reconciliation run: they wait for the budget and wait out 429s. `signal` (the replica shutting down)
   * ends a wait at once, failing the read: the run keeps its watermark and another reads the same changes.
   */
  for(client: ClientConfig, signal?: AbortSignal): ReadHttp {
    return async (path, params) => {
      for (let attempt = 0; ; attempt += 1) {
        await this.waitForBudget(client, signal);
        const answer = await this.get(client, path, params);
        if (answer.status !== 429 || attempt >= RETRIES_ON_429) return answer;
        const waitMs = retryAfterMs(answer.headers, this.now());
        if (waitMs === undefined || waitMs > LONGEST_WAIT_IN_RUN_MS) throw new ReadFailed(429, `GET ${path} (rate limited for longer than a run waits)`);
        await sleep(waitMs, undefined, { signal });
      }
    };
  }

  private async get(client: ClientConfig, path: string, params: Record<string, string | number> | undefined): Promise<ReadAnswer> {
    try {
      const response = await this.http.for(client).get(path, { params });
      return { status: response.status, data: response.data, headers: response.headers as Record<string, unknown> };
    } catch (error) {
      // No answer (refused, cut, timed out): the run tries again at its next turn.
      if (axios.isAxiosError(error) && !error.response) return { status: 0, data: undefined, headers: {} };
      // Anything else (a login refused, a secret missing) is a configuration to fix, not a moment to wait out.
      throw new ReadFailed(-1, `GET ${path} (${(error as Error).message})`, false);
    }
  }

  private async waitForBudget(client: ClientConfig, signal?: AbortSignal): Promise<void> {
    while (!this.take(client)) {
      const oldest = this.sent.get(client.id)![0];
      await sleep(Math.max(1, oldest + 60_000 - this.now()), undefined, { signal });
    }
  }

  /** A request of the client's budget, if one is left in the last minute. */
  private take(client: ClientConfig): boolean {
    const perMinute = client.reconcile?.requestsPerMinute ?? 60;
    const times = this.sent.get(client.id) ?? [];
    this.sent.set(client.id, times);
    const now = this.now();
    while (times.length > 0 && times[0] <= now - 60_000) times.shift();
    if (times.length >= perMinute) return false;
    times.push(now);
    return true;
  }
}

/** How long a 429 asks to wait, in milliseconds, from whichever header the ITSM sends. */
export function retryAfterMs(headers: Record<string, unknown>, now: number): number | undefined {
  const header = (name: string) => {
    const value = headers[name] ?? headers[name.toLowerCase()];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
  };
  const retryAfter = header('retry-after');
  if (retryAfter !== undefined) return parseRetryAfter(retryAfter, now);
  const reset = header('x-ratelimit-reset') ?? header('ratelimit-reset');
  if (reset !== undefined && /^\d+$/.test(reset.trim())) {
    const value = Number(reset);
    // Some write seconds until the reset, some the reset's epoch seconds.
    return boundedWait(value > 1_000_000_000 ? value * 1000 - now : value * 1000);
  }
  return undefined;
}
