import type { AdminPeer } from '@bridge/drift';
import { onboardClient } from './onboard-client';

const tickets = [
  { externalSourceId: 'INC1', title: 'a', openedAt: '2026-01-15T09:00:00.000Z', comments: 0, bridge: 'known' as const },
  { externalSourceId: 'INC2', title: 'b', openedAt: '2026-01-15T09:00:00.000Z', comments: 1, bridge: 'new' as const },
  { externalSourceId: 'INC3', title: 'c', openedAt: '2026-01-15T09:00:00.000Z', comments: 0, bridge: 'new' as const },
];

function ingress(calls: unknown[]): AdminPeer {
  return {
    get: async () => undefined,
    post: async (path, body) => {
      calls.push({ path, body });
      return { clientId: 'acme', dryRun: (body as { dryRun: boolean }).dryRun, since: '1970-01-01T00:00:00.000Z', recordsRead: 3, tickets };
    },
  };
}

describe('onboardClient', () => {
  it('says in a dry run what each ticket would become, asking the gateway only about the new ones', async () => {
    const calls: unknown[] = [];
    const gateway: AdminPeer = {
      get: async () => undefined,
      post: async (path, body) => {
        calls.push({ path, body });
        return { found: [{ externalSourceId: 'INC2' }] };
      },
    };
    const preview = await onboardClient({ ingress: ingress(calls), gateway }, 'acme', { since: '2026-01-01', dryRun: true, waitMs: 0 });
    expect(preview).toMatchObject({ dryRun: true, openTickets: 3, alreadyKnownToTheBridge: 1, wouldLink: 1, wouldCreate: 1 });
    expect(preview.dryRun && preview.tickets.map((t) => t.wouldBe)).toEqual(['left as it is', 'linked', 'created']);
    expect(calls).toEqual([
      { path: '/admin/clients/acme/onboard', body: { dryRun: true, since: '2026-01-01' } },
      { path: '/admin/clients/acme/tangoe-requests/lookup', body: { externalSourceIds: ['INC2', 'INC3'] } },
    ]);
  });

  it('waits in a run until the gateway has dealt with every new ticket, and says how far it got when the wait ends first', async () => {
    let asked = 0;
    const gateway = (doneAfter: number): AdminPeer => ({
      get: async () => undefined,
      post: async () => {
        asked += 1;
        return asked >= doneAfter ? { linkedToExisting: 1, created: 1, waiting: 0, parked: 0, notSeenYet: 0 } : { linkedToExisting: 0, created: 0, waiting: 1, parked: 0, notSeenYet: 1 };
      },
    });
    const run = await onboardClient({ ingress: ingress([]), gateway: gateway(3) }, 'acme', { dryRun: false, waitMs: 10_000, pollMs: 1 });
    expect(run).toMatchObject({ dryRun: false, published: 2, linkedToExisting: 1, created: 1, waiting: 0 });
    expect(run.dryRun === false && run.note).toBeUndefined();
    asked = 0;
    const cut = await onboardClient({ ingress: ingress([]), gateway: gateway(Number.POSITIVE_INFINITY) }, 'acme', { dryRun: false, waitMs: 0, pollMs: 1 });
    expect(cut).toMatchObject({ waiting: 1, notSeenYet: 1, note: expect.stringContaining('the gateway is still at it') });
  });
});
