import axios from 'axios';
import { Client } from 'pg';
import { runCli } from '@bridge/cli';
import { waitFor } from '@bridge/test-infra';
import { Bridge, startBridge } from '../../support/bridge-harness';

/**
 * An operator pauses a client (a migration at Tangoe, an ITSM upgrade): nothing of it goes to its Tangoe or its ITSM,
 * nothing is lost, and on resume everything held drains, each ticket in its order. Other clients flow meanwhile.
 */
describe('pausing and resuming a client', () => {
  let bridge: Bridge;
  beforeAll(async () => (bridge = await startBridge({ clients: ['acme', 'globex'], notifier: true })));
  afterAll(() => bridge?.close());

  const admin = () => ({ headers: { authorization: `Bearer ${bridge.adminToken}` } });
  /** `bridge clients …` as an operator runs it (ADMIN_TOKEN is in the environment), its JSON answer parsed. */
  const cli = async (...args: string[]) => {
    let out = '';
    const code = await runCli(['clients', ...args, '--gateway', bridge.gatewayUrl, '--notifier', bridge.notifierUrl], (text) => (out += text), (text) => (out += text));
    expect({ code, out }).toMatchObject({ code: 0 });
    return JSON.parse(out) as Record<'gateway' | 'notifier', Record<string, unknown>>;
  };
  const specialist = (id: number, text: string) => axios.post(`${bridge.sandbox.url}/sandbox/tangoe/support_requests/${id}/interactions`, { text }, { headers: { 'x-sandbox-admin': 'sandbox-admin' } });
  const open = (client: string, title: string) => {
    const record = bridge.sandbox.servicenow.get(client).insert('incident', { short_description: title, assignment_group: 'Mobility', caller_name: 'Ann Smith', caller_phone: '5551234567', state: '2' }, 'ann.smith');
    return { record, request: () => bridge.sandbox.tangoe.supportRequestsOf(client).find((r) => r.external_source_id === record.number) };
  };

  it('holds everything of the paused client both ways, loses nothing, and drains it in order on resume', async () => {
    const acme = bridge.sandbox.servicenow.get('acme');
    const before = open('acme', 'Linked before the pause');
    const linked = await waitFor(before.request, { description: 'the support request opened before the pause' });

    const paused = await cli('pause', 'acme', '--reason', 'Tangoe migration');
    expect([paused.gateway.status, paused.notifier.status]).toEqual(['paused', 'paused']);
    const during = open('acme', 'Opened while paused');
    acme.update('incident', before.record.sys_id, { comments: 'p1 while paused' }, 'ann.smith');
    acme.update('incident', before.record.sys_id, { comments: 'p2 while paused' }, 'ann.smith');
    await specialist(linked.id, 't1 while paused');
    // The other client flows: the positive signal that the bridge is taking events meanwhile.
    const other = open('globex', 'Another client, not paused');
    await waitFor(other.request, { description: "globex's support request while acme is paused" });
    await waitFor(() => linked.interactions.length === 2, { description: "the specialist's note at Tangoe" });
    await bridge.quiescent();

    expect(during.request()).toBeUndefined();
    expect(linked.interactions.map((i) => i.text)).toEqual([expect.stringContaining('Linked before the pause'), 't1 while paused']);
    expect(acme.journalOf(before.record.sys_id).filter((entry) => entry.sys_created_by === 'tangoe.bridge')).toEqual([]);
    const listed = await Promise.all([bridge.gatewayUrl, bridge.notifierUrl].map((url) => axios.get(`${url}/admin/clients/paused`, admin())));
    expect(listed.map((answer) => answer.data.map((p: { clientId: string }) => p.clientId))).toEqual([['acme'], ['acme']]);
    expect(listed[1].data[0]).toMatchObject({ reason: 'Tangoe migration', held: 1 });

    const resumed = await cli('resume', 'acme');
    expect(resumed.gateway).toMatchObject({ status: 'resumed', wasPaused: true, ticketsToSend: 2 });
    expect(resumed.notifier).toMatchObject({ status: 'resumed', wasPaused: true });
    const created = await waitFor(during.request, { description: 'the ticket opened while paused, at Tangoe after the resume' });
    await waitFor(() => linked.interactions.some((i) => i.text === 'p2 while paused'), { description: "the caller's comments at Tangoe after the resume" });
    await waitFor(() => acme.journalOf(before.record.sys_id).some((entry) => entry.value === 't1 while paused'), { description: "the specialist's note in ServiceNow after the resume" });
    await bridge.quiescent();
    expect(created.interactions.map((i) => i.text)).toEqual([expect.stringContaining('Opened while paused')]);
    expect(linked.interactions.map((i) => i.text)).toEqual([expect.stringContaining('Linked before the pause'), 't1 while paused', 'p1 while paused', 'p2 while paused']);
    expect(acme.journalOf(before.record.sys_id).filter((entry) => entry.sys_created_by === 'tangoe.bridge').map((entry) => entry.value)).toEqual(['t1 while paused']);
  });

  it("refuses to replay a paused client's ticket, which its resume sends", async () => {
    await cli('pause', 'globex');
    const held = open('globex', 'Held for the replay');
    await waitFor(async () => (await axios.get(`${bridge.gatewayUrl}/admin/tickets/globex/${held.record.number}`, { ...admin(), validateStatus: () => true })).status === 200, { description: 'the ticket known to the gateway' });
    const replay = await axios.post(`${bridge.gatewayUrl}/admin/tickets/globex/${held.record.number}/replay`, {}, { ...admin(), validateStatus: () => true });
    expect(replay.status).toBe(409);
    expect(held.request()).toBeUndefined();
    const unknown = await axios.post(`${bridge.gatewayUrl}/admin/tickets/globex/INC9999999/replay`, {}, { ...admin(), validateStatus: () => true });
    expect(unknown.status).toBe(404);
    await cli('resume', 'globex');
    await waitFor(held.request, { description: 'the held ticket at Tangoe after the resume' });
  });

  it('refuses to pause a client nobody configured', async () => {
    const answer = await axios.post(`${bridge.gatewayUrl}/admin/clients/nobody/pause`, {}, { ...admin(), validateStatus: () => true });
    expect(answer.status).toBe(404);
  });

  it('sends what a resume cut short by a gateway restart left waiting', async () => {
    await cli('pause', 'acme');
    const held = open('acme', 'Held while the resume was cut short');
    await waitFor(async () => (await axios.get(`${bridge.gatewayUrl}/admin/tickets/acme/${held.record.number}`, { ...admin(), validateStatus: () => true })).status === 200, { description: 'the ticket known to the gateway' });
    // The gateway stops where a resume had lifted the pause and sent nothing yet.
    await bridge.stopGateway();
    const database = new Client({ connectionString: process.env.DATABASE_URL });
    await database.connect();
    try {
      await database.query(`delete from "${process.env.DATABASE_SCHEMA_PREFIX}_tangoe_gateway".client_pauses where client_id = 'acme'`);
    } finally {
      await database.end();
    }
    await bridge.startGateway();
    const created = await waitFor(held.request, { description: 'the held ticket at Tangoe, sent by the sweep', timeoutMs: 30_000 });
    await bridge.quiescent();
    expect(bridge.sandbox.tangoe.supportRequestsOf('acme').filter((request) => request.external_source_id === held.record.number)).toEqual([created]);
  });
});
