import { TangoeApiError } from '@bridge/tangoe-client';
import type { GetGrantsRepository } from './get-grants.repository';
import { SharedGetBudget } from './shared-get-budget';

/** Grants kept in memory with the process's clock, as the repository keeps them in PostgreSQL with the database's. */
class InMemoryGetGrants implements Pick<GetGrantsRepository, 'tryGrant'> {
  readonly granted: number[] = [];

  async tryGrant(_apiUser: string, allowed: number, windowMs: number) {
    const now = Date.now();
    const inWindow = this.granted.filter((at) => at > now - windowMs);
    if (inWindow.length < allowed) {
      this.granted.push(now);
      return { grantedAt: new Date(now), waitMs: 0 as const };
    }
    return { waitMs: Math.max(1, Math.min(...inWindow) + windowMs - now) };
  }
}

describe('SharedGetBudget', () => {
  it('grants the limit less the reserved share per window, and waits for the window to move for the next', async () => {
    const grants = new InMemoryGetGrants();
    const budget = new SharedGetBudget(grants, { limit: 10, reservedShare: 0.2, windowMs: 200 });
    for (let i = 0; i < 9; i++) await budget.acquire('acme-api');
    expect(grants.granted).toHaveLength(9);
    expect(grants.granted[8] - grants.granted[0]).toBeGreaterThanOrEqual(200);
  });

  it('fails retriably, saying when to ask again, rather than wait past its longest wait', async () => {
    const budget = new SharedGetBudget(new InMemoryGetGrants(), { limit: 1, windowMs: 60_000, maxWaitMs: 1_000 });
    await budget.acquire('acme-api');
    const refused = await budget.acquire('acme-api').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TangoeApiError);
    expect((refused as TangoeApiError).retriable).toBe(true);
    expect((refused as TangoeApiError).details.retryAfterMs).toBeGreaterThan(1_000);
  });
});
