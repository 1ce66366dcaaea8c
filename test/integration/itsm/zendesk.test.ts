import axios from 'axios';
import { signZendeskStyle } from '@bridge/webhook-security';
import { waitFor } from '@bridge/test-infra';
import { Bridge, startBridge, zendeskCaller } from '../../support/bridge-harness';

const ADMIN = { headers: { 'x-sandbox-admin': 'sandbox-admin' } };

/** A Zendesk client end to end: the sandbox's Zendesk account runs the bridge's trigger on every change, its own too. */
describe('Zendesk, both ways', () => {
  let bridge: Bridge;
  beforeAll(async () => (bridge = await startBridge({ clients: ['acme'], itsm: { acme: 'zendesk' }, notifier: true })));
  afterAll(() => bridge?.close());

  const zendesk = (method: 'get' | 'post' | 'put', path: string, body?: unknown) =>
    axios.request({ method, url: `${bridge.sandbox.url}/zendesk/acme/api/v2${path}`, data: body, auth: { username: `${zendeskCaller.email}/token`, password: zendeskCaller.apiToken }, validateStatus: () => true });
  const specialist = (id: number, action: string, body: unknown) => axios.post(`${bridge.sandbox.url}/sandbox/tangoe/support_requests/${id}/${action}`, body, ADMIN);

  it('carries a ticket to Tangoe and Tangoe\'s note and close back, each once, with no echo either way', async () => {
    const site = bridge.sandbox.zendesk.get('acme');
    const ticket = site.create({ subject: 'Téléphone ne démarre pas', comment: 'The screen stays black.', group: 'Mobility', requester: { name: 'Ann Smith', phone: '+1 555 123 4567' } }, zendeskCaller);
    const request = await waitFor(() => bridge.sandbox.tangoe.supportRequestsOf('acme').find((r) => r.external_source_id === String(ticket.id)), { description: 'the support request' });
    expect(request).toMatchObject({ requestor_name: 'Ann Smith', requestor_number: '+1 555 123 4567' });

    expect((await zendesk('put', `/tickets/${ticket.id}.json`, { ticket: { comment: { body: '<p>It gets <b>hot</b> 🔥</p>', public: true } } })).status).toBe(200);
    await waitFor(() => request.interactions.some((i) => i.text === 'It gets hot 🔥'), { description: 'the comment at Tangoe' });

    await specialist(request.id, 'interactions', { text: 'Replacement shipped, tracking 1Z999.' });
    await waitFor(() => ticket.comments.some((c) => c.body === 'Replacement shipped, tracking 1Z999.'), { description: "the specialist's note in Zendesk" });
    await specialist(request.id, 'state', { state: 'closed' });
    await waitFor(() => ticket.status === 'solved', { description: 'the ticket solved' });

    await bridge.quiescent();
    expect(ticket.comments.map((c) => `${c.author_id === 'bridge-acme' ? 'bridge' : 'ann'}:${c.public ? 'public' : 'private'}`)).toEqual(['ann:public', 'ann:public', 'bridge:private']);
    // One PUT for the note, one for the close whose comment (the last interaction) was already there.
    const puts = site.calls.filter((call) => call.method === 'PUT' && call.userId === 'bridge-acme');
    expect(puts.map((call) => (call.body as { ticket: Record<string, unknown> }).ticket)).toEqual([{ comment: { body: 'Replacement shipped, tracking 1Z999.', public: false } }, { status: 'solved' }]);
    expect(request.interactions.map((i) => i.text)).toEqual([expect.stringContaining('Téléphone ne démarre pas'), 'It gets hot 🔥', 'Replacement shipped, tracking 1Z999.']);
    // The solve was the bridge's own: not sent back to Tangoe as a client-side resolution.
    expect(request.state).toBe('closed');
    expect(site.webhookFailures).toEqual([]);
  });

  it('refuses an unsigned, stale-signed or unreadable Zendesk webhook with a 4xx', async () => {
    const secret = bridge.clients[0].webhookSecret;
    const post = (body: string, headers: Record<string, string>) => axios.post(`${bridge.ingressUrl}/v1/clients/acme/webhooks/zendesk`, body, { headers: { 'content-type': 'application/json', ...headers }, validateStatus: () => true, transformRequest: (d) => d });
    const body = '{"event":"ticket.created","ticket":{"id":"{{ticket.id}}"}}';
    const timestamp = new Date().toISOString();
    expect((await post(body, {})).status).toBe(401);
    expect((await post(body, { 'x-zendesk-webhook-signature': signZendeskStyle(secret, body, timestamp), 'x-zendesk-webhook-signature-timestamp': 'another time' })).status).toBe(401);
    const answer = await post(body, { 'x-zendesk-webhook-signature': signZendeskStyle(secret, body, timestamp), 'x-zendesk-webhook-signature-timestamp': timestamp });
    expect(answer.status).toBe(422);
    expect(answer.data.message).toContain('ticket.id');
  });
});

/** A Zendesk client whose webhook is subscribed to Zendesk's own ticket events: nothing for its admin to paste. */
describe('Zendesk event subscriptions, both ways', () => {
  let bridge: Bridge;
  beforeAll(async () => (bridge = await startBridge({ clients: ['acme'], itsm: { acme: 'zendesk' }, zendeskEvents: ['acme'], notifier: true })));
  afterAll(() => bridge?.close());

  it('opens a support request from zen:event-type:ticket.created, reading the ticket it names, carries comments and a solve, and drops its own', async () => {
    const site = bridge.sandbox.zendesk.get('acme');
    const ticket = site.create({ subject: 'Hotspot drops', comment: 'Every 5 minutes "exactly".', group: 'Mobility', requester: { name: 'Ann Smith', phone: '+1 555 123 4567' } }, zendeskCaller);
    const request = await waitFor(() => bridge.sandbox.tangoe.supportRequestsOf('acme').find((r) => r.external_source_id === String(ticket.id)), { description: 'the support request' });
    // Zendesk's event body names the requester by id only; the webhook rang the doorbell and the ticket read through
    // the API, its requester side-loaded, has the name and phone (the fallbacks are for when it cannot be read).
    expect(request).toMatchObject({ requestor_name: 'Ann Smith', requestor_number: '+1 555 123 4567' });
    expect(request.interactions[0].text).toMatch(/Hotspot drops\nEvery 5 minutes "exactly"\./);
    expect(request.interactions[0].text).not.toContain("the client's default was sent");

    site.update(ticket, { comment: { body: 'Still dropping.', public: false } }, zendeskCaller);
    await waitFor(() => request.interactions.some((i) => i.text === 'Still dropping.'), { description: 'the comment at Tangoe' });
    await axios.post(`${bridge.sandbox.url}/sandbox/tangoe/support_requests/${request.id}/interactions`, { text: 'Replacement shipped.' }, ADMIN);
    await waitFor(() => ticket.comments.some((c) => c.body === 'Replacement shipped.'), { description: "the specialist's note in Zendesk" });
    site.update(ticket, { status: 'solved' }, zendeskCaller);
    // A solve is the client's resolution: Tangoe's request is closed.
    await waitFor(() => request.state === 'closed', { description: "the client's solve at Tangoe" });

    await waitFor(() => site.pendingWebhooks() === 0, { description: "Zendesk's deliveries settled" });
    expect(site.webhookFailures).toEqual([]);
    // The bridge's own note came back as a comment_added event and was dropped: Tangoe has it once.
    expect(request.interactions.filter((i) => i.text === 'Replacement shipped.')).toHaveLength(1);
  });
});
