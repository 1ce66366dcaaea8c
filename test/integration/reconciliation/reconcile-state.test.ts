import { INGRESS_MIGRATIONS } from '../../../apps/ingress/src/migrations';
import { ReconcileStateRepository } from '../../../apps/ingress/src/reconciliation/reconcile-state.repository';
import { ENGINES, databasePerTest } from '../persistence/persistence-test-engines';

/**
 * When the next run may start, as the scheduler reads it to sleep until then: a run starts when due, not at the
 * scheduler's next one-second poll (a lost webhook was found a second late that way).
 */
describe.each(ENGINES)('reconciliation state on %s: when the next run is due', (engine) => {
  const database = databasePerTest(engine, INGRESS_MIGRATIONS);
  let states: ReconcileStateRepository;

  beforeEach(async () => {
    states = new ReconcileStateRepository(database());
    for (const client of ['acme', 'globex']) await states.ensure(client, new Date(0));
  });

  it('is now for a client never run, and none for no clients', async () => {
    expect(await states.nextDueInMs(['acme'])).toBeLessThanOrEqual(0);
    expect(await states.nextDueInMs([])).toBeUndefined();
    expect(await states.nextDueInMs(['not-reconciled'])).toBeUndefined();
  });

  it("is a finished run's interval later, and the soonest of the clients asked about", async () => {
    const acme = (await states.claimDue(['acme'], 60_000))!;
    await states.finish('acme', acme.lease, { recordsRead: 0, changesFound: 0 }, 5_000);
    const acmeDue = (await states.nextDueInMs(['acme']))!;
    expect(acmeDue).toBeGreaterThan(4_000);
    expect(acmeDue).toBeLessThanOrEqual(5_000);
    // globex was never run: due now, so the pair is.
    expect(await states.nextDueInMs(['acme', 'globex'])).toBeLessThanOrEqual(0);
  });

  it("is when another replica's lease ends for a client it runs, though its run was due", async () => {
    await states.claimDue(['globex'], 30_000);
    const due = (await states.nextDueInMs(['globex']))!;
    expect(due).toBeGreaterThan(25_000);
    expect(due).toBeLessThanOrEqual(30_000);
  });
});
