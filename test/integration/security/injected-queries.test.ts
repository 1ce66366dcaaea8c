import axios from 'axios';
import { waitFor } from '@bridge/test-infra';
import { Bridge, startBridge } from '../../support/bridge-harness';
import { SERVICENOW_BRIDGE_USER } from '../../support/itsm-stand-ins';

const ADMIN = { headers: { 'x-sandbox-admin': 'sandbox-admin' } };
const PUSH_USER = 'tangoe-workflow';

/**
 * An order's `remote_activity_id` is typed at Tangoe, so whoever types it chooses the record the bridge updates.
 * Placed as it is in ServiceNow's encoded query (`number=…`), `^NQ` would start a second query that selects
 * another record, which the bridge would then patch. It is refused instead: the delivery parks, nothing is sent.
 */
describe('a record id is never a query', () => {
  let bridge: Bridge;
  let pushPassword: string;

  beforeAll(async () => {
    pushPassword = `push-pw-${Date.now()}`;
    bridge = await startBridge({
      clients: ['acme'],
      notifier: true,
      env: { ACME_ACTIVITY_PUSH: pushPassword, RECONCILE_ENABLED: 'false' },
      extra: { acme: () => `    activities:\n      mode: update\n      push: { username: ${PUSH_USER}, password: { env: ACME_ACTIVITY_PUSH } }` },
    });
    bridge.sandbox.tangoe.pusher.activityWebhooks.set('acme', { url: `${bridge.ingressUrl}/v1/clients/acme/tangoe/activities`, username: PUSH_USER, password: pushPassword });
  });
  afterAll(() => bridge?.close());

  const open = async (fields: Record<string, unknown>) => (await axios.post(`${bridge.sandbox.url}/sandbox/tangoe/activities`, { company: 'acme', activity_type_id: 3, ...fields }, ADMIN)).data as { id: number };
  const parked = async () =>
    (await axios.get(`${bridge.notifierUrl}/admin/deliveries/parked`, { headers: { authorization: `Bearer ${bridge.adminToken}` } })).data as Array<{ kind: string; attempts: number; error: string }>;

  it("an injected `^NQ` parks the order's update and the record it selects is not patched", async () => {
    const instance = bridge.sandbox.servicenow.get('acme');
    const victim = instance.insert('sc_req_item', { short_description: 'Another order', state: '1' }, 'ann.smith');
    const injected = `RITM9999999^NQnumber=${victim.number}`;

    // The stand-in reads the query as ServiceNow does: sent as it is, it selects the other record.
    const selected = await axios.get(`${bridge.sandbox.url}/servicenow/acme/api/now/table/sc_req_item`, {
      params: { sysparm_query: `number=${injected}`, sysparm_fields: 'sys_id' },
      auth: { username: SERVICENOW_BRIDGE_USER, password: process.env.ACME_SN_PASSWORD! },
    });
    expect(selected.data.result.map((row: { sys_id: string }) => row.sys_id)).toEqual([victim.sys_id]);

    await open({ remote_activity_id: injected });
    const refused = await waitFor(async () => (await parked()).find((d) => d.kind === 'activity_ordered'), { description: 'the injected update parked' });
    expect(refused).toMatchObject({ attempts: 0, error: `${JSON.stringify(injected)} is not a record number like INC0010001: nothing was sent` });

    // The same path with an honest id goes through: the refusal above is the id's, not the path's.
    const ritm = instance.insert('sc_req_item', { short_description: 'New iPhone for Ann', state: '1' }, 'ann.smith');
    await open({ remote_activity_id: ritm.number });
    await waitFor(() => instance.records.get(ritm.sys_id)?.state === '2', { description: 'the honest order reached its RITM' });

    await bridge.quiescent();
    expect(instance.calls.filter((call) => call.method === 'PATCH' && call.sysId === victim.sys_id)).toEqual([]);
    expect(instance.records.get(victim.sys_id)?.state).toBe('1');
    expect(instance.journalOf(victim.sys_id)).toEqual([]);
  });
});
