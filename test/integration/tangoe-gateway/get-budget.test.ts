import { openDatabase, Database } from '@bridge/persistence';
import { TANGOE_GET_BUDGET_MIGRATION } from '../../../apps/tangoe-gateway/src/migrations';
import { uniqueName } from '@bridge/test-infra';
import { GetGrantsRepository } from '../../../apps/tangoe-gateway/src/tangoe/get-grants.repository';
import { SharedGetBudget } from '../../../apps/tangoe-gateway/src/tangoe/shared-get-budget';

describe('the Tangoe GET budget shared by replicas through PostgreSQL', () => {
  it('never grants more than the limit in any window, however many replicas ask', async () => {
    const schema = uniqueName('budget');
    const url = process.env.DATABASE_URL!;
    const replicas: Database[] = await Promise.all([1, 2, 3].map(() => openDatabase({ kind: 'postgres', url }, { schema, migrations: [TANGOE_GET_BUDGET_MIGRATION] })));
    try {
      const windowMs = 1_000;
      const limit = 10;
      const budgets = replicas.map((db) => new SharedGetBudget(new GetGrantsRepository(db), { limit, windowMs, reservedShare: 0.2 }));
      const grants: number[] = [];
      await Promise.all(
        budgets.map(async (budget) => {
          for (let i = 0; i < 8; i++) {
            // The grant's time by the database's clock, which serialises every replica's grants: the client's
            // Date.now() after the call would add scheduling noise of its own to what is checked.
            grants.push((await budget.acquire('acme-api')).getTime());
          }
        }),
      );
      grants.sort((a, b) => a - b);
      // 24 grants at 8 per window (10 less the 20 % left for others) take at least two windows.
      expect(grants).toHaveLength(24);
      expect(grants[grants.length - 1] - grants[0]).toBeGreaterThanOrEqual(2 * windowMs);
      // No window of windowMs holds a ninth grant: the ninth after any grant comes a full window later.
      for (let i = 0; i + 8 < grants.length; i++) expect(grants[i + 8] - grants[i]).toBeGreaterThanOrEqual(windowMs);
    } finally {
      await replicas[0].query(`drop schema if exists "${schema}" cascade`);
      await Promise.all(replicas.map((db) => db.close()));
    }
  });
});
