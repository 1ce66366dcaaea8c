import type { ParkedItem } from '@bridge/platform';
import { parseWaitingRef, waitingItems } from './waiting-list';

const item = (id: string, clientId: string, parkedAt: string | null): ParkedItem => ({ id, line: id.startsWith('deliveries') ? 'deliveries' : 'ticket_work', key: `${clientId}:T`, clientId, externalSourceId: 'T', what: 'note', error: 'HTTP 400', attempts: 1, parkedAt });

describe('waitingItems', () => {
  it('lists both services in one list, oldest first, each with the service a replay goes to', () => {
    const items = waitingItems({
      gateway: { ok: true, data: [item('ticket_work:9', 'acme', '2026-12-07T10:05:00.000Z')] },
      notifier: { ok: true, data: [item('deliveries:3', 'globex', '2026-12-07T10:01:00.000Z')] },
    });
    expect(items.map((i) => i.ref)).toEqual(['notifier|deliveries:3', 'gateway|ticket_work:9']);
    expect(waitingItems({ gateway: { ok: true, data: [item('ticket_work:9', 'acme', null)] }, notifier: { ok: false, problem: 'down', status: 0 } }, { clientId: 'acme' })).toHaveLength(1);
    expect(waitingItems({ gateway: { ok: true, data: [item('ticket_work:9', 'acme', null)] }, notifier: { ok: true, data: [] } }, { holder: 'notifier' })).toEqual([]);
  });
});

describe('parseWaitingRef', () => {
  it('reads what the list wrote, dead letters included, and nothing else', () => {
    expect(parseWaitingRef('gateway|ticket_work:12')).toEqual({ holder: 'gateway', id: 'ticket_work:12' });
    expect(parseWaitingRef('notifier|dead_letters:bridge.tangoe-events.dlq:0:17')).toEqual({ holder: 'notifier', id: 'dead_letters:bridge.tangoe-events.dlq:0:17' });
    for (const bad of ['ingress|ticket_work:1', 'gateway|', 'gateway|../../admin', 'gateway|ticket_work:1/replay?x', 'notifier']) expect(parseWaitingRef(bad)).toBeUndefined();
  });
});
