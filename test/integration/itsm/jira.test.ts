import axios from 'axios';
import { waitFor } from '@bridge/test-infra';
import { textToAdf } from '../../../libs/itsm-adapters/src/jira/adf';
import { Bridge, jiraCaller, startBridge } from '../../support/bridge-harness';

const ADMIN = { headers: { 'x-sandbox-admin': 'sandbox-admin' } };

/** A Jira Cloud client end to end: the sandbox's Jira site fires real webhooks, the bridge's own writes included. */
describe('Jira Service Management, both ways', () => {
  let bridge: Bridge;
  beforeAll(
    async () =>
      (bridge = await startBridge({
        clients: ['acme', 'globex'],
        itsm: { acme: 'jira', globex: 'jira' },
        notifier: true,
        // globex mirrors its orders into MOB, the very project whose issues go to Tangoe.
        outbound: {
          globex: (sandboxUrl) =>
            `    outbound:\n      baseUrl: '${sandboxUrl}/jira/globex'\n      auth: { type: basic, username: bridge@globex.example, password: { env: GLOBEX_SN_PASSWORD } }\n      integrationUser: bridge-globex\n      project: MOB`,
        },
        extra: { globex: () => '    activities:\n      mode: mirror' },
      })),
  );
  afterAll(() => bridge?.close());

  const jira = (method: 'get' | 'post', path: string, body?: unknown) =>
    axios.request({ method, url: `${bridge.sandbox.url}/jira/acme/rest/api/3${path}`, data: body, auth: { username: jiraCaller.email, password: jiraCaller.apiToken }, validateStatus: () => true });
  const specialist = (id: number, action: string, body: unknown) => axios.post(`${bridge.sandbox.url}/sandbox/tangoe/support_requests/${id}/${action}`, body, ADMIN);

  async function openIssue(summary: string) {
    const created = await jira('post', '/issue', {
      fields: { project: { key: 'MOB' }, issuetype: { name: 'Hardware' }, summary, description: textToAdf('The screen stays black.\nSeit heute früh.'), customfield_phone: '5551234567', priority: { name: 'High' } },
    });
    expect(created.status).toBe(201);
    const key = created.data.key as string;
    const request = await waitFor(() => bridge.sandbox.tangoe.supportRequestsOf('acme').find((r) => r.external_source_id === key), { description: `the support request of ${key}` });
    return { key, request, site: bridge.sandbox.jira.get('acme') };
  }

  it('carries an issue to Tangoe and Tangoe\'s note and close back, each once, with no echo either way', async () => {
    const { key, request, site } = await openIssue('Phone dead — écran noir');
    expect(request).toMatchObject({ requestor_name: 'Ann Smith', requestor_number: '5551234567', request_type: 'device_replacement' });
    expect(request.interactions[0].text).toContain(`${key}: Phone dead — écran noir\nThe screen stays black.\nSeit heute früh.`);

    expect((await jira('post', `/issue/${key}/comment`, { body: textToAdf('It also gets hot 🔥') })).status).toBe(201);
    await waitFor(() => request.interactions.some((i) => i.text === 'It also gets hot 🔥'), { description: "Ann's comment at Tangoe" });

    await specialist(request.id, 'interactions', { text: 'Replacement shipped, tracking 1Z999.' });
    const issue = site.issues.get(key)!;
    await waitFor(() => issue.comments.some((c) => c.author.accountId === `bridge-acme`), { description: "the specialist's note in Jira" });
    await specialist(request.id, 'state', { state: 'closed' });
    await waitFor(() => issue.fields.status.name === 'Done', { description: 'the issue transitioned to Done' });

    // Let the site's webhooks for the bridge's own writes come back, then count both sides.
    await bridge.quiescent();
    expect(issue.fields.resolution).toEqual({ name: 'Done' });
    const texts = issue.comments.map((c) => `${c.author.displayName}: ${JSON.stringify(c.body).includes('1Z999') ? 'note' : 'other'}`);
    expect(texts).toEqual(['Ann Smith: other', 'Tangoe Bridge: note']);
    // The close carried the last interaction as its comment: already there, so not written again.
    expect(site.calls.filter((call) => call.method === 'POST' && call.path.endsWith('/comment') && call.accountId === 'bridge-acme')).toHaveLength(1);
    expect(site.calls.filter((call) => call.method === 'POST' && call.path.endsWith('/transitions'))).toHaveLength(1);
    expect(request.interactions.map((i) => i.text)).toEqual([expect.stringContaining(key), 'It also gets hot 🔥', 'Replacement shipped, tracking 1Z999.']);
    expect(request.state).toBe('closed');
    expect(site.webhookFailures).toEqual([]);
  });

  it("writes the close's comment when the last interaction is Ann's own comment: only the bridge's comments count as already written", async () => {
    const { key, request, site } = await openIssue('Phone reboots in a loop');
    expect((await jira('post', `/issue/${key}/comment`, { body: textToAdf('Still looping, please hurry') })).status).toBe(201);
    await waitFor(() => request.interactions.at(-1)?.text === 'Still looping, please hurry', { description: "Ann's comment at Tangoe" });
    await specialist(request.id, 'state', { state: 'closed' });
    const issue = site.issues.get(key)!;
    await waitFor(() => issue.fields.status.name === 'Done', { description: 'the issue transitioned to Done' });
    await bridge.quiescent();
    expect(issue.comments.map((c) => `${c.author.accountId}: ${JSON.stringify(c.body).includes('Still looping') ? 'looping' : 'other'}`)).toEqual([`${jiraCaller.accountId}: looping`, 'bridge-acme: looping']);
  });

  it('mirrors an order into a routed project without opening a support request for it, and a 503 storm while finding the issue only delays its update', async () => {
    const site = bridge.sandbox.jira.get('globex');
    const order = (await axios.post(`${bridge.sandbox.url}/sandbox/tangoe/activities`, { company: 'globex', activity_type_id: 3 }, ADMIN)).data as { id: number; ticket_number: string };
    const mirrors = () => [...site.issues.values()].filter((issue) => String(issue.fields.summary).includes(order.ticket_number));
    await waitFor(() => mirrors().length === 1, { description: 'the order mirrored as a Jira issue' });
    const [mirror] = mirrors();

    // The search that finds the mirror again is answered 503 twice: read as "no such issue", the update would park.
    site.failures = { status: 503, remaining: 2 };
    const callsBefore = site.calls.length;
    await axios.post(`${bridge.sandbox.url}/sandbox/tangoe/activities/${order.id}/state`, { state: 'on_back_order' }, ADMIN);
    await waitFor(() => mirror.comments.some((comment) => JSON.stringify(comment.body).includes('on_back_order')), { description: 'the back-order note on the mirrored issue' });
    expect(site.calls.slice(callsBefore).filter((call) => call.status === 503)).toHaveLength(2);
    await axios.post(`${bridge.sandbox.url}/sandbox/tangoe/activities/${order.id}/state`, { state: 'completed' }, ADMIN);
    await waitFor(() => mirror.fields.status.name === 'Done', { description: 'the mirrored issue done with its order' });

    // The site's webhooks for the mirror's create and updates have come back by now: the bridge's own, dropped.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(mirrors()).toHaveLength(1);
    expect(bridge.sandbox.tangoe.supportRequestsOf('globex')).toEqual([]);
    expect(site.webhookFailures).toEqual([]);
  });

  it('takes a cancel made in Jira to Tangoe', async () => {
    const { key, request } = await openIssue('Tablet no longer needed');
    const transitions = (await jira('get', `/issue/${key}/transitions`)).data.transitions as Array<{ id: string; name: string }>;
    const cancel = transitions.find((t) => t.name === 'Canceled')!;
    expect((await jira('post', `/issue/${key}/transitions`, { transition: { id: cancel.id } })).status).toBe(204);
    await waitFor(() => request.state === 'canceled', { description: 'the support request canceled at Tangoe' });
  });

  it('refuses an unsigned or unreadable Jira webhook with a 4xx and publishes nothing', async () => {
    const post = (body: string, headers: Record<string, string>) => axios.post(`${bridge.ingressUrl}/v1/clients/acme/webhooks/jira`, body, { headers: { 'content-type': 'application/json', ...headers }, validateStatus: () => true, transformRequest: (d) => d });
    expect((await post('{"webhookEvent":"jira:issue_created"}', {})).status).toBe(401);
    const { signBody } = await import('@bridge/webhook-security');
    const secret = bridge.clients[0].webhookSecret;
    const unreadable = '{"webhookEvent":"jira:issue_created","issue":{"id":"1","key":"nope","fields":{}}}';
    const answer = await post(unreadable, { 'x-hub-signature': signBody(secret, unreadable) });
    expect(answer.status).toBe(422);
    expect(answer.data.message).toContain('issue.key');
    expect((await post('{not json', { 'x-hub-signature': signBody(secret, '{not json') })).status).toBe(400);
    expect((await axios.post(`${bridge.ingressUrl}/v1/clients/acme/webhooks/servicenow`, '{}', { headers: { 'content-type': 'application/json' }, validateStatus: () => true })).status).toBe(404);
  });
});
