import axios from 'axios';
import { signBody } from '@bridge/webhook-security';
import { waitFor } from '@bridge/test-infra';
import { Bridge, startBridge } from '../../support/bridge-harness';
import { incidentInserted, journalAdded } from '../../support/servicenow-payloads';

/** With the poll switched off, Tangoe's pushes alone carry its changes to the client. */
describe("Tangoe's pushes at the ingress", () => {
  let bridge: Bridge;
  beforeAll(async () => (bridge = await startBridge({ clients: ['acme'], notifier: true, env: { POLL_ENABLED: 'false' } })));
  afterAll(() => bridge.close());

  const specialist = (id: number, action: string, body: unknown) => axios.post(`${bridge.sandbox.url}/sandbox/tangoe/support_requests/${id}/${action}`, body, { headers: { 'x-sandbox-admin': 'sandbox-admin' } });

  it('become updates at the client, and the push of a comment the bridge itself sent is not sent back', async () => {
    const instance = bridge.sandbox.servicenow.get('acme');
    const record = instance.insert('incident', { short_description: 'Pushed', assignment_group: 'Mobility', caller_name: 'Ann Smith', caller_phone: '5551234567' }, 'ann.smith');
    const request = await waitFor(() => bridge.sandbox.tangoe.supportRequestsOf('acme').find((r) => r.external_source_id === record.number), { description: 'the support request' });

    // The caller comments in ServiceNow; the bridge sends it to Tangoe, which pushes the new interaction back.
    instance.update('incident', record.sys_id, { comments: 'any news?' }, 'ann.smith');
    await waitFor(() => request.interactions.some((i) => i.text === 'any news?'), { description: 'the client comment at Tangoe' });
    await specialist(request.id, 'interactions', { text: 'Shipped today.' });
    await specialist(request.id, 'state', { state: 'closed' });
    await waitFor(() => instance.records.get(record.sys_id)?.state === '7', { description: 'the close at the client' });

    // Nothing more comes once every push is read and every event consumed.
    await bridge.quiescent();
    expect(instance.journalOf(record.sys_id).map((e) => `${e.sys_created_by}:${e.value}`)).toEqual(['ann.smith:any news?', 'tangoe.bridge:Shipped today.', 'tangoe.bridge:Shipped today.']);
    expect(bridge.sandbox.tangoe.pushes.filter((p) => p.company === 'acme').every((p) => p.status === 202)).toBe(true);
  });

  it('refuses pushes that are not signed with the client push secret, or are malformed', async () => {
    const url = `${bridge.ingressUrl}/v1/clients/acme/tangoe/webhooks`;
    const post = (raw: string, signature: string) => axios.post(url, raw, { headers: { 'content-type': 'application/json', 'x-tangoe-signature': signature }, validateStatus: () => true, transformRequest: (d) => d });
    const body = JSON.stringify({ event: 'support_request.state_changed', occurred_at: new Date().toISOString(), support_request: { id: 1 } });
    expect((await post(body, signBody('guess', body))).status).toBe(401);
    const secret = process.env.ACME_TANGOE_PUSH!;
    expect((await post('{nope', signBody(secret, '{nope'))).status).toBe(400);
    const invalid = await post(body, signBody(secret, body));
    expect(invalid.status).toBe(422);
    expect(invalid.data.message).toMatch(/support_request.state/);
    // Well formed, but its ticket's id makes no key (a control character): refused, named, never a 500.
    const keyless = JSON.stringify({ event: 'support_request.state_changed', occurred_at: new Date().toISOString(), support_request: { id: 1, state: 'closed', external_source_id: 'INC\u0000', updated_at: new Date().toISOString(), interactions: [] } });
    const refused = await post(keyless, signBody(secret, keyless));
    expect({ status: refused.status, error: refused.data.error }).toEqual({ status: 422, error: 'invalid_payload' });
    // A ServiceNow webhook on the same client still works: the two endpoints are apart.
    expect((await bridge.postServiceNow('acme', incidentInserted('INC4000001'))).status).toBe(202);
    expect((await bridge.postServiceNow('acme', journalAdded('INC4000001', 1, 'x'))).status).toBe(202);
  });
});
