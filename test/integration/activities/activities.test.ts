import axios from 'axios';
import { waitFor } from '@bridge/test-infra';
import { Bridge, startBridge } from '../../support/bridge-harness';

const ADMIN = { headers: { 'x-sandbox-admin': 'sandbox-admin' } };
const PUSH_USER = 'tangoe-workflow';

/** Every line of seed 001's completion text, each followed by a value. */
const COMPLETION_LINES = [
  'Assigned to', 'Ticket Number', 'Submitted Date / Time', 'Requestor name / email', 'Ticket Type', 'User Name', 'Wireless Carrier', 'Phone Number',
  'Device', 'Plan', 'Plan Costs', 'Area Code', 'Preferred Address', 'Shipping Address', 'Order Tracking URL', 'Port / TOL information',
  'Existing Phone Number', 'Account Number', 'Name', 'Transfer Notes',
];

describe('activities (orders) reach the client\'s ITSM: pulled, pushed, updating a RITM or mirrored', () => {
  let bridge: Bridge;
  let pushPassword: string;

  beforeAll(async () => {
    pushPassword = `push-pw-${Date.now()}`;
    bridge = await startBridge({
      clients: ['acme', 'globex'],
      notifier: true,
      env: { ACME_ACTIVITY_PUSH: pushPassword },
      extra: {
        acme: () => `    activities:\n      mode: update\n      push: { username: ${PUSH_USER}, password: { env: ACME_ACTIVITY_PUSH } }`,
        globex: () => '    activities:\n      mode: mirror',
      },
    });
    bridge.sandbox.tangoe.pusher.activityWebhooks.set('acme', { url: `${bridge.ingressUrl}/v1/clients/acme/tangoe/activities`, username: PUSH_USER, password: pushPassword });
  });
  afterAll(() => bridge?.close());

  const tangoe = () => bridge.sandbox.tangoe;
  const move = (id: number, state: string, extra: Record<string, string> = {}) => axios.post(`${bridge.sandbox.url}/sandbox/tangoe/activities/${id}/state`, { state, ...extra }, ADMIN);
  const open = async (company: string, fields: Record<string, unknown> = {}) =>
    (await axios.post(`${bridge.sandbox.url}/sandbox/tangoe/activities`, { company, activity_type_id: 3, transfer_notes: 'Leave at reception', port_information: 'Port from AT&T', existing_phone_number: '(555) 111-2222', tracking_url: 'https://track.example/1Z1', ...fields }, ADMIN)).data as { id: number; ticket_number: string };
  const pushActivity = (body: unknown, auth = { username: PUSH_USER, password: pushPassword }, client = 'acme') =>
    axios.post(`${bridge.ingressUrl}/v1/clients/${client}/tangoe/activities`, typeof body === 'string' ? body : JSON.stringify(body), {
      headers: { 'content-type': 'application/json' },
      auth,
      validateStatus: () => true,
      transformRequest: (data) => data,
    });

  it('moves the RITM named by remote_activity_id through every state, once each, with seed 001\'s completion text filled', async () => {
    const instance = bridge.sandbox.servicenow.get('acme');
    const ritm = instance.insert('sc_req_item', { short_description: 'New iPhone for Ann', state: '1' }, 'ann.smith');
    const activity = await open('acme', { remote_activity_id: ritm.number });
    const patches = () => instance.calls.filter((call) => call.method === 'PATCH' && call.sysId === ritm.sys_id && call.status === 200);
    const stateOf = () => instance.records.get(ritm.sys_id)?.state;

    await waitFor(() => stateOf() === '2', { description: 'ordered reached the RITM' });
    await move(activity.id, 'on_back_order');
    await waitFor(() => stateOf() === '-5', { description: 'on back order reached the RITM' });
    await move(activity.id, 'completed', { tracking_url: 'https://track.example/1Z999' });
    await waitFor(() => stateOf() === '3', { description: 'completed reached the RITM' });

    // Each change was pushed and also polled: one update per state all the same.
    await waitFor(() => tangoe().pushes.filter((push) => push.activityId === activity.id && push.status === 202).length === 3, { description: 'three pushes accepted' });
    // Nothing more comes once every push is read and every event consumed.
    await bridge.quiescent();
    expect(patches().map((call) => call.body?.state)).toEqual(['2', '-5', '3']);
    expect(patches().every((call) => call.body?.number === ritm.number)).toBe(true);
    expect(new Set(patches().map((call) => call.webhookId)).size).toBe(3);

    const notes = instance.journalOf(ritm.sys_id).map((entry) => entry.value);
    expect(notes).toHaveLength(3);
    const completion = notes[2];
    expect(completion.split('\n')[0]).toBe('Your mobility request has been completed. The details are as follows:');
    const lines = completion.split('\n').slice(1).map((line) => line.trim());
    expect(lines.map((line) => line.split(': ')[0])).toEqual(COMPLETION_LINES);
    for (const line of lines) expect(line).toMatch(/: \S/);
    expect(completion).toContain(`Ticket Number: ${activity.ticket_number}`);
    expect(completion).toContain('Order Tracking URL: https://track.example/1Z999');
    expect(completion).toContain('Ticket Type: New Line with Device');
  });

  it('cancels the RITM of a cancelled order', async () => {
    const instance = bridge.sandbox.servicenow.get('acme');
    const ritm = instance.insert('sc_req_item', { short_description: 'Tablet for Bo', state: '1' }, 'bo.chen');
    const activity = await open('acme', { remote_activity_id: ritm.number });
    await waitFor(() => instance.records.get(ritm.sys_id)?.state === '2', { description: 'ordered reached the RITM' });
    await move(activity.id, 'cancelled');
    await waitFor(() => instance.records.get(ritm.sys_id)?.state === '4', { description: 'cancelled reached the RITM' });
    expect(instance.journalOf(ritm.sys_id).at(-1)?.value).toContain(`${activity.ticket_number} (New Line with Device) has been cancelled.`);
  });

  it('publishes a change pushed after its poll once, and refuses bad pushes with a clear 4xx', async () => {
    const instance = bridge.sandbox.servicenow.get('acme');
    const ritm = instance.insert('sc_req_item', { short_description: 'Hotspot', state: '1' }, 'ann.smith');
    const activity = await open('acme', { remote_activity_id: ritm.number });
    await waitFor(() => instance.records.get(ritm.sys_id)?.state === '2', { description: 'ordered reached the RITM' });
    const body = { event: 'activity.state_changed', occurred_at: new Date().toISOString(), activity: (await axios.get(`${bridge.sandbox.url}/sandbox/tangoe/activities?company=acme`, ADMIN)).data.find((a: { id: number }) => a.id === activity.id) };
    // The door takes the push, which the poll brought already, and hands it on, twice if it comes twice: the gateway
    // reads both into the change the poll published, and publishes nothing again.
    for (const _ of [1, 2]) {
      const again = await pushActivity(body);
      expect({ status: again.status, data: again.data }).toMatchObject({ status: 202, data: { events: [{ type: 'TangoePushReceived' }] } });
    }

    expect((await pushActivity(body, { username: PUSH_USER, password: 'wrong' })).status).toBe(401);
    expect((await pushActivity('{"event": ', undefined)).status).toBe(400);
    const unknownState = await pushActivity({ ...body, activity: { ...body.activity, state: 'shipped' } });
    expect(unknownState.status).toBe(422);
    expect(unknownState.data.message).toContain('activity.state');
    const noActivity = await pushActivity({ event: 'activity.state_changed', occurred_at: new Date().toISOString(), activity: { ticket_number: 'TM-1' } });
    expect(noActivity.status).toBe(422);
    expect(noActivity.data.message).toContain('activity.id');
    expect((await pushActivity(body, undefined, 'nobody')).status).toBe(404);
    expect((await pushActivity(body, undefined, 'globex')).status).toBe(404);

    // Once the gateway has read the push and the notifier caught up, the RITM still had the one update of the poll.
    await bridge.quiescent();
    expect(instance.calls.filter((call) => call.method === 'PATCH' && call.sysId === ritm.sys_id)).toHaveLength(1);
  });

  it('mirrors an order the client has no record of: one record created, kept up to date, closed with it', async () => {
    const instance = bridge.sandbox.servicenow.get('globex');
    const activity = await open('globex');
    const mirrors = () => [...instance.records.values()].filter((record) => record.correlation_id === `tangoe-activity-${activity.id}`);
    await waitFor(() => mirrors().length === 1 && mirrors()[0].state === '2', { description: 'the mirrored record, ordered' });
    await move(activity.id, 'on_back_order');
    await waitFor(() => mirrors()[0].state === '-5', { description: 'the mirrored record on back order' });
    await move(activity.id, 'completed');
    await waitFor(() => mirrors()[0].state === '3', { description: 'the mirrored record closed complete' });
    // Nothing more comes once every push is read and every event consumed.
    await bridge.quiescent();

    const [record] = mirrors();
    expect(mirrors()).toHaveLength(1);
    expect(record).toMatchObject({ sys_class_name: 'sc_req_item', short_description: `Tangoe order ${activity.ticket_number}: New Line with Device`, correlation_display: 'Tangoe Mobile' });
    expect(record.description).toContain(`Ticket Number: ${activity.ticket_number}`);
    expect(instance.calls.filter((call) => call.method === 'POST' && call.table === 'sc_req_item' && call.user === 'tangoe.bridge')).toHaveLength(1);
    expect(instance.calls.filter((call) => call.method === 'PATCH' && call.sysId === record.sys_id).map((call) => call.body?.state)).toEqual(['2', '-5', '3']);
    // Tangoe's workflow pushes nothing for globex: the poll found every change.
    expect(tangoe().pushes.filter((push) => push.company === 'globex')).toHaveLength(0);
  });
});
