import { waitFor } from '@bridge/test-infra';
import type { ActivityState } from '../../../apps/sandbox/src/tangoe/store/activity-store';
import { Bridge, startBridge } from '../../support/bridge-harness';

const COUNT = 5_000;
const PASSWORD = 'bulk-servicenow-password';

describe('polling 5,000 activities', () => {
  let bridge: Bridge;
  beforeAll(async () => {
    bridge = await startBridge({
      clients: ['initech'],
      notifier: true,
      // Polling support requests every 5 s, so the activity walk has most of the budget without owning it.
      env: { POLL_INTERVAL_MS: '5000', INITECH_SN_PASSWORD: PASSWORD, DELIVERY_LANES: '8' },
      outbound: {
        initech: (url) => `    outbound:\n      baseUrl: '${url}/servicenow/initech-bulk'\n      auth: { type: basic, username: tangoe.bridge, password: { env: INITECH_SN_PASSWORD } }\n      integrationUser: tangoe.bridge`,
      },
      extra: { initech: () => '    activities:\n      mode: update' },
    });
  });
  afterAll(() => bridge?.close());

  it('stays inside the GET budget, slows down on 429s and skips none', async () => {
    // A ServiceNow instance without a business rule: 5,000 RITMs, and no webhooks flooding the ingress.
    const instance = bridge.sandbox.servicenow.add({ name: 'initech-bulk', username: 'tangoe.bridge', password: PASSWORD });
    const tangoe = bridge.sandbox.tangoe;
    const ritms = Array.from({ length: COUNT }, (_, i) => instance.insert('sc_req_item', { short_description: `Order ${i}` , state: '1' }, 'initech.buyer'));
    tangoe.faults.set({ rateLimitRate: 0.2, pathPrefix: '/1/activities' });
    for (const ritm of ritms) {
      const activity = tangoe.activityStore.create('initech', { remote_activity_id: ritm.number });
      if (!('id' in activity)) throw new Error(JSON.stringify(activity));
    }
    // A few move on before the poll ends: a record that changes during the walk must not make another one skipped.
    const moved = [10, 2_500, 4_999].map((i) => tangoe.activityStore.list('initech')[i]);
    setTimeout(() => moved.forEach((activity) => tangoe.activityStore.changeState(activity.id, 'on_back_order' as ActivityState)), 1_500);

    const updated = () => ritms.filter((ritm) => instance.records.get(ritm.sys_id)?.state !== '1').length;
    await waitFor(() => updated() === COUNT, { description: `all ${COUNT} RITMs updated (so far: ${updated()})`, timeoutMs: 240_000, intervalMs: 500 });
    await waitFor(() => moved.every((activity) => instance.findByNumber(activity.remote_activity_id!)?.state === '-5'), { description: 'the moved ones on back order', timeoutMs: 60_000 });
    tangoe.faults.set({});

    const gets = tangoe.requestsOf('initech-api').filter((request) => request.method === 'GET');
    const injected = gets.filter((request) => request.fault === 'rate-limit');
    // Tangoe's own limit never refused the bridge: every 429 it saw was one the sandbox injected.
    expect(gets.filter((request) => request.status === 429 && request.fault === undefined)).toEqual([]);
    expect(injected.length).toBeGreaterThan(0);
    // The bridge's share: 100 per minute less the 20 % left for the client's other uses.
    expect(bridge.sandbox.tangoe.maxGetsInAnyWindow('initech-api', 60_000)).toBeLessThanOrEqual(80);
    // One update per state each record reached: a moved one may have been polled only once it had moved.
    const statesOf = new Map<string, string[]>();
    for (const call of instance.calls.filter((c) => c.method === 'PATCH' && c.status === 200)) statesOf.set(call.sysId!, [...(statesOf.get(call.sysId!) ?? []), String(call.body?.state)]);
    const movedNumbers = new Set(moved.map((activity) => activity.remote_activity_id));
    for (const ritm of ritms) {
      if (movedNumbers.has(ritm.number)) expect([['-5'], ['2', '-5']]).toContainEqual(statesOf.get(ritm.sys_id));
      else expect(statesOf.get(ritm.sys_id)).toEqual(['2']);
    }
  });
});
