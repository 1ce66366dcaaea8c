import axios from 'axios';
import { runCli } from '@bridge/cli';
import { waitFor } from '@bridge/test-infra';
import { Bridge, startBridge } from '../../support/bridge-harness';

const admin = (bridge: Bridge) => ({ headers: { authorization: `Bearer ${bridge.adminToken}` }, validateStatus: () => true });

describe('Tangoe → client: state changes and interactions update the client ticket, rendered per client, without echo', () => {
  let bridge: Bridge;
  beforeAll(async () => (bridge = await startBridge({ clients: ['acme'], notifier: true })));
  afterAll(() => bridge.close());

  /** A caller opens an incident in the client's ServiceNow; its business rule tells the bridge. */
  async function openIncident(shortDescription: string) {
    const instance = bridge.sandbox.servicenow.get('acme');
    const record = instance.insert('incident', { short_description: shortDescription, assignment_group: 'Mobility', caller_name: 'Ann Smith', caller_phone: '5551234567', state: '2' }, 'ann.smith');
    const request = await waitFor(() => bridge.sandbox.tangoe.supportRequestsOf('acme').find((r) => r.external_source_id === record.number), {
      description: `the support request of ${record.number}`,
    });
    return { instance, record, request };
  }

  const specialist = (id: number, action: string, body: unknown) =>
    axios.post(`${bridge.sandbox.url}/sandbox/tangoe/support_requests/${id}/${action}`, body, { headers: { 'x-sandbox-admin': 'sandbox-admin' } });

  it('delivers the specialist note, then the close with the last interaction as work notes, in order, once each, with no echo', async () => {
    const { instance, record, request } = await openIncident('Phone lost');
    await specialist(request.id, 'interactions', { text: 'Replacement shipped, tracking 1Z999.' });
    await specialist(request.id, 'state', { state: 'closed' });

    await waitFor(() => instance.records.get(record.sys_id)?.state === '7', { description: 'the incident closed at the client' });
    const journal = instance.journalOf(record.sys_id).map((entry) => `${entry.element}:${entry.value}`);
    expect(journal).toEqual(['work_notes:Replacement shipped, tracking 1Z999.', 'work_notes:Replacement shipped, tracking 1Z999.']);
    expect(instance.records.get(record.sys_id)).toMatchObject({ state: '7', close_code: 'Solved (Permanently)', close_notes: 'Replacement shipped, tracking 1Z999.' });
    const patches = instance.calls.filter((call) => call.method === 'PATCH' && call.sysId === record.sys_id).map((call) => Object.keys(call.body ?? {}).sort().join(','));
    expect(patches).toEqual(['work_notes', 'close_code,close_notes,number,state,work_notes']);
    const ids = instance.calls.filter((call) => call.method === 'PATCH' && call.sysId === record.sys_id).map((call) => call.webhookId);
    expect(ids).toEqual([expect.stringMatching(/^msg_/), expect.stringMatching(/^msg_/)]);
    expect(new Set(ids).size).toBe(2);

    // Let the echoes of our own PATCHes come back through the business rule, then count both sides.
    await bridge.quiescent();
    expect(request.interactions.map((i) => i.text)).toEqual([expect.stringContaining('Phone lost'), 'Replacement shipped, tracking 1Z999.']);
    expect(request.state).toBe('closed');
    expect(instance.journalOf(record.sys_id)).toHaveLength(2);
    expect(instance.webhookFailures).toEqual([]);
  });

  it('finds by polling a change whose push Tangoe lost', async () => {
    const { instance, record, request } = await openIncident('Push lost');
    bridge.sandbox.tangoe.dropPushes = true;
    try {
      await specialist(request.id, 'interactions', { text: 'only the poll will see this' });
      await waitFor(() => instance.journalOf(record.sys_id).some((e) => e.value === 'only the poll will see this'), { description: 'the note found by the poll' });
      expect(bridge.sandbox.tangoe.pushes.filter((p) => p.dropped).length).toBeGreaterThan(0);
    } finally {
      bridge.sandbox.tangoe.dropPushes = false;
    }
  });

  it("does not send the client its own cancel back, nor its own comment, however Tangoe reports them (push or poll)", async () => {
    const { instance, record, request } = await openIncident('Cancel me');
    instance.update('incident', record.sys_id, { comments: 'never mind, found it' }, 'ann.smith');
    await waitFor(() => request.interactions.some((i) => i.text === 'never mind, found it'), { description: 'the comment at Tangoe' });
    instance.update('incident', record.sys_id, { state: '8' }, 'ann.smith');
    await waitFor(() => request.state === 'canceled', { description: 'the cancel at Tangoe' });
    // Tangoe pushed the cancel and the poll lists it: give both time to come back, then nothing may have been written.
    await waitFor(() => bridge.sandbox.tangoe.pushes.some((push) => push.supportRequestId === request.id && push.status !== undefined), { description: "Tangoe's push of the cancel answered" });
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(instance.calls.filter((call) => call.sysId === record.sys_id && call.method === 'PATCH')).toEqual([]);
    expect(instance.journalOf(record.sys_id).map((entry) => entry.sys_created_by)).toEqual(['ann.smith']);
  });

  it("carries the caller's cancel to Tangoe even when a write of the bridge's follows it at once", async () => {
    const { instance, record, request } = await openIncident('Cancel, then overwritten');
    await specialist(request.id, 'state', { state: 'awaiting_customer_response' });
    await waitFor(() => instance.journalOf(record.sys_id).some((entry) => entry.value === 'Tangoe: Awaiting Customer Response.'), { description: 'Awaiting Customer Response at the client' });
    await bridge.quiescent();
    // The record as the doorbell reads it shows the bridge's write, not the caller's cancel that rang.
    instance.update('incident', record.sys_id, { state: '8' }, 'ann.smith');
    instance.update('incident', record.sys_id, { state: '3', work_notes: 'Tangoe: Awaiting Customer Response.' }, 'tangoe.bridge');
    await waitFor(() => request.state === 'canceled', { description: 'the cancel at Tangoe' });
  });

  it("delivers a specialist's note made while the bridge had not yet heard that its create went through", async () => {
    const tangoe = bridge.sandbox.tangoe;
    // The create is stored and its answer lost; the gateway's next lookups fail while the specialist answers.
    tangoe.faults.set({ commitThenDropRate: 1, pathPrefix: '/1/support_requests', methods: ['POST'], next: 1 });
    const instance = bridge.sandbox.servicenow.get('acme');
    const record = instance.insert('incident', { short_description: 'Answer lost', assignment_group: 'Mobility', caller_name: 'Ann Smith', caller_phone: '5551234567', state: '2' }, 'ann.smith');
    const request = await waitFor(() => tangoe.supportRequestsOf('acme').find((r) => r.external_source_id === record.number), { description: 'the support request stored' });
    tangoe.faults.set({ errorRate: 1, pathPrefix: '/1/support_requests', methods: ['GET'], next: 2 });
    // Its push lost too: only the poll can find the note, and must not take it for the bridge's own.
    tangoe.dropPushes = true;
    await specialist(request.id, 'interactions', { text: 'answered before the bridge knew' });
    try {
      await waitFor(() => instance.journalOf(record.sys_id).some((entry) => entry.value === 'answered before the bridge knew'), { description: "the specialist's note in ServiceNow" });
    } finally {
      tangoe.faults.set({});
      tangoe.dropPushes = false;
    }
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(instance.journalOf(record.sys_id).map((entry) => entry.value)).toEqual(['answered before the bridge knew']);
    expect(tangoe.supportRequestsOf('acme').filter((r) => r.external_source_id === record.number)).toHaveLength(1);
  });

  it('sends cancel, reassign, Externally Queued and Awaiting Customer Response as configured', async () => {
    const { instance, record, request } = await openIncident('Tablet screen');
    await specialist(request.id, 'state', { state: 'externally_queued' });
    await waitFor(() => instance.records.get(record.sys_id)?.state === '3', { description: 'Externally Queued → On Hold (3)' });
    await specialist(request.id, 'reassign', { assignment_group: 'Service Desk' });
    await waitFor(() => instance.records.get(record.sys_id)?.assignment_group === 'Service Desk', { description: 'the reassignment' });
    await specialist(request.id, 'state', { state: 'awaiting_customer_response' });
    await waitFor(() => instance.journalOf(record.sys_id).some((e) => e.value === 'Tangoe: Awaiting Customer Response.'), { description: 'Awaiting Customer Response' });
    await specialist(request.id, 'state', { state: 'canceled' });
    await waitFor(() => instance.records.get(record.sys_id)?.state === '8', { description: 'the cancel (8)' });
  });

  it('holds a ticket whose ITSM keeps failing, delivers everything once in order when it is back, and other tickets flow', async () => {
    const first = await openIncident('Broken charger');
    const other = await openIncident('SIM swap');
    first.instance.failures = { status: 503, remaining: 3 };
    await specialist(first.request.id, 'interactions', { text: 'note 1' });
    await specialist(first.request.id, 'interactions', { text: 'note 2' });
    await specialist(other.request.id, 'interactions', { text: 'other note' });
    await waitFor(() => first.instance.journalOf(first.record.sys_id).length === 2, { description: 'both notes after the 503s', timeoutMs: 60_000 });
    expect(first.instance.journalOf(first.record.sys_id).map((e) => e.value)).toEqual(['note 1', 'note 2']);
    await waitFor(() => other.instance.journalOf(other.record.sys_id).length === 1, { description: 'the other ticket' });
    expect(first.instance.calls.filter((c) => c.status === 503)).toHaveLength(3);
  });

  it('parks a delivery the ITSM refuses with 400, lists it, and replays it after the fix', async () => {
    const { instance, record, request } = await openIncident('Wrong number');
    instance.failures = { status: 400, remaining: 1 };
    await specialist(request.id, 'interactions', { text: 'please confirm the number' });
    const parked = await waitFor(async () => {
      const { data } = await axios.get(`${bridge.notifierUrl}/admin/deliveries/parked`, admin(bridge));
      return (data as Array<{ id: string; externalSourceId: string; error: string }>).find((d) => d.externalSourceId === record.number);
    }, { description: 'the refused delivery among the parked' });
    expect(parked.error).toMatch(/HTTP 400/);
    // An operator's view: the CLI lists it and replays it through the admin API.
    const out: string[] = [];
    const env = { ADMIN_TOKEN: bridge.adminToken };
    Object.assign(process.env, env);
    expect(await runCli(['deliveries', 'parked', '--url', bridge.notifierUrl], (t) => out.push(t), (t) => out.push(t))).toBe(0);
    expect(JSON.parse(out[0])).toEqual(expect.arrayContaining([expect.objectContaining({ id: parked.id })]));
    expect(await runCli(['deliveries', 'replay', parked.id, '--url', bridge.notifierUrl], (t) => out.push(t), (t) => out.push(t))).toBe(0);
    await waitFor(() => instance.journalOf(record.sys_id).some((e) => e.value === 'please confirm the number'), { description: 'the replayed note' });
    // The ITSM has the note a moment before the notifier counts it (it commits the delivery first).
    const metrics = await waitFor(
      async () => {
        const text = (await axios.get(`${bridge.notifierUrl}/metrics`)).data as string;
        return /bridge_deliveries_total\{[^}]*outcome="delivered"[^}]*\} [1-9]/.test(text) && text;
      },
      { description: 'the replayed delivery counted' },
    );
    expect(metrics).toMatch(/bridge_deliveries_total\{[^}]*client="acme",outcome="parked"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/bridge_work_items\{[^}]*line="deliveries"[^}]*client="acme"[^}]*status="parked"[^}]*\} \d+/);
    expect(metrics).toMatch(/bridge_events_consumed_total\{[^}]*type="CommentAdded",outcome="handled"/);
    expect(metrics).toMatch(/bridge_http_request_duration_seconds_count\{[^}]*route="\/admin\/deliveries\/parked"/);
    expect(metrics).toMatch(/bridge_consumer_lag\{[^}]*group="[^"]+\.outbound-notifier"[^}]*topic="[^"]+"[^}]*\} \d+/);
    const timeline = (await axios.get(`${bridge.notifierUrl}/admin/tickets/acme/${record.number}/deliveries`, admin(bridge))).data;
    expect(timeline[0].attempts_log.map((a: { outcome: string }) => a.outcome)).toEqual(['parked', 'delivered']);
  });

  it('sends a close whose first attempt was refused before it landed, though the note sent just before carries its text', async () => {
    const { instance, record, request } = await openIncident('Close after a refusal');
    await specialist(request.id, 'interactions', { text: 'Shipped; closing.' });
    await waitFor(() => instance.journalOf(record.sys_id).length === 1, { description: 'the note at the client' });
    // The close's PATCH is answered 503 once: nothing of it is stored, yet the note with its text was written just now
    // (ServiceNow stamps whole seconds). Taken for the close's own, the close would be marked delivered and lost.
    const before = instance.calls.length;
    instance.failures = { status: 503, remaining: 1, method: 'PATCH' };
    await specialist(request.id, 'state', { state: 'closed' });
    await waitFor(() => instance.records.get(record.sys_id)?.state === '7', { description: 'the close after the refusal', timeoutMs: 30_000 });
    // The refused PATCH is logged without the record's sys_id: the instance turned it away at the door.
    const patches = instance.calls.slice(before).filter((call) => call.method === 'PATCH');
    expect(patches.map((call) => `${call.status} ${Object.keys(call.body ?? {}).sort().join(',')}`)).toEqual([
      '503 close_code,close_notes,number,state,work_notes',
      '200 close_code,close_notes,number,state,work_notes',
    ]);
    expect(instance.journalOf(record.sys_id).map((entry) => entry.value)).toEqual(['Shipped; closing.', 'Shipped; closing.']);
  });
});
