import axios from 'axios';
import { waitFor } from '@bridge/test-infra';
import { Bridge, freshserviceRequester, startBridge } from '../../support/bridge-harness';

const ADMIN = { headers: { 'x-sandbox-admin': 'sandbox-admin' } };

/** A Freshservice client end to end: the sandbox's account runs the workflow webhook on every change, its own too. */
describe('Freshservice, both ways', () => {
  let bridge: Bridge;
  beforeAll(async () => (bridge = await startBridge({ clients: ['acme'], itsm: { acme: 'freshservice' }, notifier: true })));
  afterAll(() => bridge?.close());

  const specialist = (id: number, action: string, body: unknown) => axios.post(`${bridge.sandbox.url}/sandbox/tangoe/support_requests/${id}/${action}`, body, ADMIN);

  it('carries a ticket to Tangoe and Tangoe\'s note and close back, each once, with no echo, read-only fields never sent', async () => {
    const site = bridge.sandbox.freshservice.get('acme');
    const ticket = site.create({ subject: 'Hotspot drops', description: '<div>Every <b>5</b> minutes.<br>Büro München</div>', group: 'Mobility', requester: { name: 'Ann Smith', phone: '5551234567' } }, freshserviceRequester);
    const request = await waitFor(() => bridge.sandbox.tangoe.supportRequestsOf('acme').find((r) => r.external_source_id === String(ticket.id)), { description: 'the support request' });
    expect(request.interactions[0].text).toContain('Every 5 minutes.\nBüro München');

    site.addNote(ticket, '<div>Tried another SIM &amp; phone.</div>', false, freshserviceRequester);
    await waitFor(() => request.interactions.some((i) => i.text === 'Tried another SIM & phone.'), { description: 'the note at Tangoe' });

    await specialist(request.id, 'interactions', { text: 'Replacement <shipped> & tracked.' });
    await waitFor(() => ticket.conversations.some((n) => n.body_text === 'Replacement <shipped> & tracked.'), { description: "the specialist's note in Freshservice" });
    await specialist(request.id, 'state', { state: 'closed' });
    await waitFor(() => ticket.status === 5, { description: 'the ticket closed (5)' });

    await bridge.quiescent();
    expect(ticket.conversations.map((n) => `${n.user_id === 'bridge-acme' ? 'bridge' : 'ann'}:${n.private ? 'private' : 'public'}`)).toEqual(['ann:public', 'bridge:private']);
    const writes = site.calls.filter((call) => call.agentId === 'bridge-acme' && call.method !== 'GET');
    expect(writes.map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual([`POST /tickets/${ticket.id}/notes 200`, `PUT /tickets/${ticket.id} 200`]);
    expect(writes[1].body).toEqual({ status: 5 });
    expect(request.interactions.map((i) => i.text)).toEqual([expect.stringContaining('Hotspot drops'), 'Tried another SIM & phone.', 'Replacement <shipped> & tracked.']);
    expect(request.state).toBe('closed');
    expect(site.webhookFailures).toEqual([]);
  });

  it("pages a long ticket's conversations as Freshservice does, and the bridge reads them to the last: the close does not write its note again", async () => {
    const site = bridge.sandbox.freshservice.get('acme');
    const ticket = site.create({ subject: 'Long thread', description: 'Many replies.', group: 'Mobility', requester: { name: 'Ann Smith', phone: '5551234567' } }, freshserviceRequester);
    const request = await waitFor(() => bridge.sandbox.tangoe.supportRequestsOf('acme').find((r) => r.external_source_id === String(ticket.id)), { description: 'the support request' });
    // 120 earlier notes of the bridge's, put there directly (no workflow fires; read back, they are its own echo).
    const old = new Date(Date.now() - 86_400_000).toISOString();
    for (let n = 0; n < 120; n += 1) ticket.conversations.push({ id: 1_000 + n, body: `earlier ${n}`, body_text: `earlier ${n}`, private: true, user_id: 'bridge-acme', created_at: old });
    const pageOf = (params: Record<string, number>) =>
      axios.get(`${bridge.sandbox.url}/freshservice/acme/api/v2/tickets/${ticket.id}/conversations`, { params, auth: { username: freshserviceRequester.apiKey, password: 'X' } });
    const first = await pageOf({});
    expect(first.data.conversations).toHaveLength(30);
    expect(first.headers.link).toBe(`</freshservice/acme/api/v2/tickets/${ticket.id}/conversations?page=2&per_page=30>; rel="next"`);
    const last = await pageOf({ page: 2, per_page: 100 });
    expect(last.data.conversations).toHaveLength(20);
    expect(last.headers.link).toBeUndefined();

    await specialist(request.id, 'interactions', { text: 'On the second page.' });
    await waitFor(() => ticket.conversations.some((n) => n.body_text === 'On the second page.'), { description: "the specialist's note in Freshservice" });
    await specialist(request.id, 'state', { state: 'closed' });
    await waitFor(() => ticket.status === 5, { description: 'the ticket closed (5)' });
    await bridge.quiescent();
    expect(ticket.conversations.filter((n) => n.body_text === 'On the second page.')).toHaveLength(1);
    const reads = site.calls.filter((call) => call.agentId === 'bridge-acme' && call.path === `/tickets/${ticket.id}/conversations`);
    expect(reads.length).toBeGreaterThanOrEqual(4);
  });

  it('refuses a webhook without the workflow\'s credentials, or unreadable, with a 4xx', async () => {
    const post = (body: string, auth?: { username: string; password: string }) => axios.post(`${bridge.ingressUrl}/v1/clients/acme/webhooks/freshservice`, body, { headers: { 'content-type': 'application/json' }, auth, validateStatus: () => true, transformRequest: (d) => d });
    expect((await post('{"event":"ticket.created"}')).status).toBe(401);
    expect((await post('{"event":"ticket.created"}', { username: 'freshservice-workflow', password: 'wrong' })).status).toBe(401);
    const answer = await post('{"event":"ticket.created","ticket":{"id":"{{ticket.id_numeric}}"}}', { username: 'freshservice-workflow', password: bridge.clients[0].webhookSecret });
    expect(answer.status).toBe(422);
    expect(answer.data.message).toContain('ticket.id');
  });
});
