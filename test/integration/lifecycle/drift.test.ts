import axios from 'axios';
import { clientsCommand } from '../../../libs/cli/src/clients.command';
import { driftCommand } from '../../../libs/cli/src/drift.command';
import type { DriftItem, DriftReport } from '@bridge/drift';
import { waitFor } from '@bridge/test-infra';
import { Bridge, startBridge } from '../../support/bridge-harness';

/**
 * The drift report on the real parts: a ServiceNow client with one ticket of each kind of drift, made the way each
 * happens (a ticket the bridge never saw, one an earlier bridge made at Tangoe, one Tangoe refused, a caller's close
 * and a specialist's close the bridge never heard of, one held by a pause, and a request for a ticket the ITSM does
 * not have). `bridge drift` lists each with its kind and reason; `bridge drift repair` brings each repairable one
 * back in step, and the report lists only the one without a repair afterwards. Webhooks, reconciliation and the
 * poll are off, so nothing but the report's repairs puts them back in step.
 */
describe("the drift report between a client's ITSM and Tangoe", () => {
  let bridge: Bridge;
  let cli: NodeJS.ProcessEnv;

  beforeAll(async () => {
    bridge = await startBridge({ clients: ['acme'], webhooksOff: ['acme'], notifier: true, env: { RECONCILE_ENABLED: 'false', POLL_ENABLED: 'false' } });
    cli = { ADMIN_TOKEN: bridge.adminToken, INGRESS_URL: bridge.ingressUrl, GATEWAY_URL: bridge.gatewayUrl, NOTIFIER_URL: bridge.notifierUrl };
  });
  afterAll(() => bridge?.close());

  const admin = () => ({ headers: { authorization: `Bearer ${bridge.adminToken}` } });
  const sandboxAdmin = { headers: { 'x-sandbox-admin': 'sandbox-admin' } };
  const open = (title: string, fields: Record<string, string> = {}) =>
    bridge.sandbox.servicenow
      .get('acme')
      .insert('incident', { short_description: title, assignment_group: 'Mobility', caller_name: 'Ann Smith', caller_phone: '5551234567', state: '2', ...fields }, 'ann.smith');
  /** A request made at Tangoe by someone other than the bridge (the client's earlier bridge), its push lost. */
  const madeAtTangoe = async (externalSourceId: string) => {
    bridge.sandbox.tangoe.dropPushes = true;
    const support_request = { text: `Made by the earlier bridge for ${externalSourceId}`, requestor_name: 'Ann Smith', requestor_number: '5551234567', request_type: 'Application Support (on Device)', external_source_id: externalSourceId };
    await axios.post(`${bridge.sandbox.url}/1/support_requests`, { support_request }, { headers: { 'API-Token': bridge.clients[0].tangoeToken } });
    bridge.sandbox.tangoe.dropPushes = false;
  };
  const requestsOf = (externalSourceId: string) => bridge.sandbox.tangoe.supportRequestsOf('acme').filter((request) => request.external_source_id === externalSourceId);
  const linkOf = async (externalSourceId: string) => (await axios.get(`${bridge.gatewayUrl}/admin/tickets/acme/${externalSourceId}`, { ...admin(), validateStatus: () => true })).data as { status?: string };
  const onboardByName = (tickets: string[]) => axios.post(`${bridge.ingressUrl}/admin/clients/acme/onboard`, { tickets }, admin());
  const report = async () => JSON.parse(await driftCommand({ clientId: 'acme' }, cli)) as DriftReport;
  const repair = async (ticket: string) => JSON.parse(await driftCommand({ action: 'repair', clientId: 'acme', ticket }, cli)) as { kind: string; repair: { action: string } };

  it('lists one ticket of each kind with its reason, repairs each repairable one, and lists them no more', async () => {
    const acme = bridge.sandbox.servicenow.get('acme');
    const neverSeen = open('Never reached the bridge');
    const unlinked = open('Made at Tangoe by the earlier bridge');
    await madeAtTangoe(unlinked.number);
    const refused = open('Refused by Tangoe', { caller_employee_number: '99998' });
    const closedByCaller = open('Closed by the caller');
    const closedBySpecialist = open('Closed by the specialist');
    const onlyAtTangoe = 'INC9999999';
    await madeAtTangoe(onlyAtTangoe);

    // Three tickets the bridge knows: onboarded by name (the same call as the repair's), linked or parked.
    await onboardByName([refused.number, closedByCaller.number, closedBySpecialist.number]);
    await waitFor(async () => (await linkOf(refused.number)).status === 'parked', { description: 'the refused ticket parked' });
    for (const ticket of [closedByCaller, closedBySpecialist]) await waitFor(async () => (await linkOf(ticket.number)).status === 'linked', { description: `${ticket.number} linked` });
    // Each side ends one of them, and the bridge hears of neither: no webhooks, no reconciliation, no poll, a push lost.
    acme.update('incident', closedByCaller.sys_id, { state: '7' }, 'ann.smith');
    bridge.sandbox.tangoe.dropPushes = true;
    await axios.post(`${bridge.sandbox.url}/sandbox/tangoe/support_requests/${requestsOf(closedBySpecialist.number)[0].id}/state`, { state: 'closed', note: 'Replaced under warranty' }, sandboxAdmin);
    bridge.sandbox.tangoe.dropPushes = false;
    // Paused for a migration, a ticket onboarded meanwhile waits in its line.
    await clientsCommand('pause', { id: 'acme', reason: 'Tangoe migration' }, cli);
    const held = open('Opened during the migration');
    await onboardByName([held.number]);
    await waitFor(async () => (await linkOf(held.number)).status === 'creating', { description: 'the ticket held by the pause known to the gateway' });

    const before = await report();
    expect(before.paused).toMatchObject({ reason: 'Tangoe migration' });
    const items = new Map(before.items.map((item) => [item.externalSourceId, item]));
    expect([...items.keys()].sort()).toEqual([neverSeen, unlinked, refused, closedByCaller, closedBySpecialist, held].map((ticket) => ticket.number).concat(onlyAtTangoe).sort());
    const expectItem = (ticket: string, kind: string, action: string | undefined, reason: RegExp) => {
      const item = items.get(ticket) as DriftItem;
      expect({ kind: item.kind, action: item.repair?.action }).toEqual({ kind, action });
      expect(item.reason).toMatch(reason);
    };
    expectItem(neverSeen.number, 'not_at_tangoe', 'onboard', /bridge never had it .* Tangoe has no request for it/);
    expectItem(unlinked.number, 'unlinked', 'onboard', new RegExp(`open at the ITSM and at Tangoe \\(support request ${requestsOf(unlinked.number)[0].id}, open\\), but the bridge never had the ticket`));
    expectItem(refused.number, 'parked', 'replay', /the gateway parked it: .*employee_id.*does not match a person/);
    expectItem(closedByCaller.number, 'ended_at_itsm_only', 'send_client_state', /closed at the ITSM \(status 7\), support request \d+ still open at Tangoe/);
    expectItem(closedBySpecialist.number, 'ended_at_tangoe_only', 'redeliver_tangoe_state', /closed at Tangoe .*open at the ITSM: Tangoe's closed never reached the client/);
    expectItem(held.number, 'held', 'resume', /the client is paused since .* \(Tangoe migration\): its creation at Tangoe waits/);
    expectItem(onlyAtTangoe, 'only_at_tangoe', undefined, /did not return INC9999999: the ticket was deleted at the ITSM, left the client's routing, or has not changed since/);

    // What has no automatic repair is refused, and nothing is done.
    await expect(driftCommand({ action: 'repair', clientId: 'acme', ticket: onlyAtTangoe }, cli)).rejects.toThrow(/only_at_tangoe and has no automatic repair/);

    // Tangoe's cause of the refusal fixed (the person now exists), each repairable ticket repaired with one action.
    bridge.sandbox.tangoe.store.people.push({ id: 1999998, name_first: 'New', name_last: 'Hire', email: 'new.hire@sandbox.com', employee_id: '99998', group_name: 'A' });
    const repairs: Array<[string, string]> = [];
    for (const ticket of [held, neverSeen, unlinked, refused, closedByCaller, closedBySpecialist]) repairs.push([ticket.number, (await repair(ticket.number)).repair.action]);
    expect(repairs).toEqual([
      [held.number, 'resume'],
      [neverSeen.number, 'onboard'],
      [unlinked.number, 'onboard'],
      [refused.number, 'replay'],
      [closedByCaller.number, 'send_client_state'],
      [closedBySpecialist.number, 'redeliver_tangoe_state'],
    ]);

    const after = await waitFor(
      async () => {
        const now = await report();
        return now.items.map((item) => item.externalSourceId).join() === onlyAtTangoe && now;
      },
      { description: 'a report listing only the request without a repair', timeoutMs: 60_000, intervalMs: 500 },
    );
    expect(after.paused).toBeUndefined();
    await bridge.quiescent();

    // Each repair did what it says, once.
    for (const ticket of [neverSeen, unlinked, refused, held]) expect(requestsOf(ticket.number)).toHaveLength(1);
    expect(requestsOf(unlinked.number)[0].interactions.map((interaction) => interaction.text)).toEqual([`Made by the earlier bridge for ${unlinked.number}`]);
    expect(requestsOf(closedByCaller.number)[0].state).toBe('closed');
    expect(acme.findByNumber(closedBySpecialist.number)).toMatchObject({ sys_updated_by: 'tangoe.bridge' });
    expect(acme.journalOf(closedBySpecialist.sys_id).map((entry) => entry.value)).toContain('Replaced under warranty');
    // The caller's close went to Tangoe as the client's own: Tangoe's push of it is its echo, not sent back to the ITSM.
    const deliveries = (await axios.get(`${bridge.notifierUrl}/admin/tickets/acme/${closedByCaller.number}/deliveries`, admin())).data as Array<{ event: { type: string } }>;
    expect(deliveries.filter((delivery) => delivery.event.type === 'StateChanged')).toEqual([]);
    // A ticket in step has nothing to repair: refused, and nothing is sent.
    await expect(driftCommand({ action: 'repair', clientId: 'acme', ticket: closedBySpecialist.number }, cli)).rejects.toThrow(/is in step/);
  }, 300_000);
});
