import { AdminPeer, DriftPeers, DriftRepairRefused, readDrift, repairDrift } from './drift-report';
import type { ItsmSide, TangoeSide } from './drift-sides';

/** Admin APIs that answer from fixed sides and note every call, in order. */
function peers(itsm: ItsmSide, tangoe: TangoeSide) {
  const calls: string[] = [];
  const peer = (name: string, answer: (path: string) => unknown): AdminPeer => ({
    get: async (path) => (calls.push(`${name} GET ${path}`), answer(path)),
    post: async (path, body) => (calls.push(`${name} POST ${path} ${JSON.stringify(body ?? null)}`), answer(path)),
  });
  const drift: DriftPeers = {
    ingress: peer('ingress', (path) => (path.endsWith('/drift/itsm') ? itsm : { published: 1 })),
    gateway: peer('gateway', (path) => (path.includes('/drift/tangoe') ? tangoe : { status: 'linked' })),
    resumeClient: async (clientId) => (calls.push(`resume ${clientId}`), { resumed: true }),
  };
  return { drift, calls };
}

const since = '2026-11-01T00:00:00.000Z';
const itsm = (tickets: ItsmSide['tickets']): ItsmSide => ({ clientId: 'acme', since, recordsRead: 3, tickets });
const tangoe = (tickets: TangoeSide['tickets'], pause?: TangoeSide['pause']): TangoeSide => ({ clientId: 'acme', readAt: '2026-11-20T10:00:00.000Z', tickets, ...(pause ? { pause } : {}) });
const linked = { status: 'linked' as const, supportRequestId: 7, tangoeState: 'open', clientSetState: null, lastError: null, createAttempts: 1, waitingEvents: 0 };

describe('the drift report over the admin APIs', () => {
  it('reads the ITSM side first, then Tangoe, and compares them', async () => {
    const { drift, calls } = peers(itsm([{ externalSourceId: 'INC1', knownToBridge: false }]), tangoe([]));
    const report = await readDrift(drift, 'acme', { since: '2026-11-01' });
    expect(calls).toEqual(['ingress POST /admin/clients/acme/drift/itsm {"since":"2026-11-01"}', 'gateway GET /admin/clients/acme/drift/tangoe']);
    expect(report).toMatchObject({ clientId: 'acme', since, recordsRead: 3, items: [{ externalSourceId: 'INC1', kind: 'not_at_tangoe', repair: { action: 'onboard' } }] });
  });

  it.each([
    ['onboard', itsm([{ externalSourceId: 'INC/1', knownToBridge: false }]), tangoe([]), `ingress POST /admin/clients/acme/onboard {"tickets":["INC/1"],"since":"${since}"}`],
    ['replay', itsm([]), tangoe([{ externalSourceId: 'INC/1', requests: [], link: { ...linked, status: 'parked', supportRequestId: null } }]), 'gateway POST /admin/tickets/acme/INC%2F1/replay null'],
    ['resume', itsm([]), tangoe([{ externalSourceId: 'INC/1', requests: [], link: { ...linked, status: 'creating' } }], { pausedAt: since, reason: null }), 'resume acme'],
    [
      'send_client_state',
      itsm([{ externalSourceId: 'INC/1', endedAs: 'canceled', statusChangeId: '5', knownToBridge: true }]),
      tangoe([{ externalSourceId: 'INC/1', requests: [{ id: 7, state: 'open', updatedAt: since }], link: linked }]),
      'ingress POST /admin/clients/acme/drift/tickets/INC%2F1/client-state {"state":"canceled","itsmStatusChangeId":"5"}',
    ],
    [
      'redeliver_tangoe_state',
      itsm([{ externalSourceId: 'INC/1', knownToBridge: true }]),
      tangoe([{ externalSourceId: 'INC/1', requests: [{ id: 7, state: 'closed', updatedAt: since }], link: linked }]),
      'gateway POST /admin/clients/acme/drift/tickets/INC%2F1/tangoe-state {"supportRequestId":7}',
    ],
  ])('repairs by %s after checking the ticket again, and by nothing else', async (action, itsmSide, tangoeSide, call) => {
    const { drift, calls } = peers(itsmSide, tangoeSide);
    const outcome = await repairDrift(drift, 'acme', 'INC/1');
    expect(outcome.repair.action).toBe(action);
    expect(calls).toEqual(['ingress POST /admin/clients/acme/drift/itsm {"tickets":["INC/1"]}', 'gateway GET /admin/clients/acme/drift/tangoe?ticket=INC%2F1', call]);
  });

  it('refuses a ticket in step, and one whose drift has no automatic repair, and changes nothing', async () => {
    const inStep = peers(itsm([{ externalSourceId: 'INC1', knownToBridge: true }]), tangoe([{ externalSourceId: 'INC1', requests: [{ id: 7, state: 'open', updatedAt: since }], link: linked }]));
    await expect(repairDrift(inStep.drift, 'acme', 'INC1')).rejects.toMatchObject({ code: 'in_step', retriable: false });
    const onlyAtTangoe = peers(itsm([]), tangoe([{ externalSourceId: 'INC1', requests: [{ id: 7, state: 'open', updatedAt: since }] }]));
    const refused = await repairDrift(onlyAtTangoe.drift, 'acme', 'INC1').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DriftRepairRefused);
    expect(refused).toMatchObject({ code: 'no_repair', item: { kind: 'only_at_tangoe' } });
    expect([...inStep.calls, ...onlyAtTangoe.calls].filter((call) => !call.includes('/drift/itsm') && !call.includes('/drift/tangoe'))).toEqual([]);
  });
});
