import axios from 'axios';
import { waitFor } from '@bridge/test-infra';
import { Bridge, startBridge } from '../../support/bridge-harness';

/**
 * One client floods the ingress (a runaway business rule, a leaked webhook secret): past its allowance
 * (`inbound.requestsPerSecond`, 5 here) it is answered 429 with Retry-After, and its neighbour's webhooks, sent
 * meanwhile by its own ITSM, are every one taken and reach Tangoe. The neighbour's latency under a flood is a figure
 * of `npm run bench`, not an assertion here.
 */
describe('security: one client flooding the ingress', () => {
  let bridge: Bridge;
  beforeAll(async () => {
    bridge = await startBridge({ clients: ['acme', 'globex'], requestsPerSecond: { acme: 5 }, env: { RECONCILE_ENABLED: 'false', POLL_ENABLED: 'false' } });
  });
  afterAll(() => bridge?.close());

  it("answers the flood past its allowance with 429 and Retry-After, and takes every webhook of the neighbour", async () => {
    const caller = 'ann.smith';
    const incident = { short_description: 'Phone dead', assignment_group: 'Mobility', caller_name: 'Ann Smith', caller_phone: '5551234567' };
    // The flood is one genuine, signed webhook of acme's, sent again and again.
    const acme = bridge.sandbox.servicenow.get('acme');
    const captured: Array<{ url: string; headers: Record<string, string>; body: string }> = [];
    const send = acme.webhookNetwork.send.bind(acme.webhookNetwork);
    acme.webhookNetwork.send = (url, headers, body) => void captured.push({ url, headers, body });
    const flooding = acme.insert('incident', incident, caller);
    acme.webhookNetwork.send = send;
    expect(captured).toHaveLength(1);
    // The sender adds the content type as it posts; the captured headers are the vendor's own.
    const webhook = { ...captured[0], headers: { ...captured[0].headers, 'content-type': 'application/json' } };

    // A stranger's requests, refused at authentication, spend none of acme's allowance: its webhook is then taken.
    const forged = await Promise.all(Array.from({ length: 10 }, () => axios.post(webhook.url, webhook.body, { headers: { ...webhook.headers, 'x-bridge-signature': 'sha256=00' }, transformRequest: (data) => data, validateStatus: () => true })));
    expect(forged.map((answer) => answer.status)).toEqual(Array(10).fill(401));
    expect((await axios.post(webhook.url, webhook.body, { headers: webhook.headers, transformRequest: (data) => data, validateStatus: () => true })).status).toBe(202);

    const globex = bridge.sandbox.servicenow.get('globex');
    const floodStarted = Date.now();
    const flood = Array.from({ length: 60 }, () => axios.post(webhook.url, webhook.body, { headers: webhook.headers, transformRequest: (data) => data, validateStatus: () => true }));
    const neighbours = Array.from({ length: 10 }, (_, n) => globex.insert('incident', { ...incident, short_description: `Neighbour ${n}` }, caller));
    const answers = await Promise.all(flood);
    const secondsSpanned = Math.ceil((Date.now() - floodStarted) / 1000) + 1;

    const limited = answers.filter((answer) => answer.status === 429);
    expect(answers.filter((answer) => answer.status !== 429).map((answer) => answer.status).every((status) => status === 202)).toBe(true);
    // At most 5 in each one-second window the flood spanned (6 windows here still leave 30 refused).
    expect(answers.length - limited.length).toBeLessThanOrEqual(5 * secondsSpanned);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0].headers['retry-after']).toMatch(/^[1-9]\d*$/);
    expect(limited[0].data).toMatchObject({ error: 'rate_limited', message: expect.stringContaining('inbound.requestsPerSecond') });

    await waitFor(() => neighbours.every((record) => bridge.sandbox.tangoe.supportRequestsOf('globex').some((r) => r.external_source_id === record.number)), { description: "every neighbour's ticket at Tangoe" });
    await bridge.quiescent();
    // Every neighbour's webhook was taken the first time (its ITSM noted no failure), and the flood's
    // ticket, taken a few times, opened once.
    expect(globex.webhookFailures).toEqual([]);
    expect(bridge.sandbox.tangoe.supportRequestsOf('globex')).toHaveLength(10);
    expect(bridge.sandbox.tangoe.supportRequestsOf('acme').filter((r) => r.external_source_id === flooding.number)).toHaveLength(1);
    const metrics = (await axios.get(`${bridge.ingressUrl}/metrics`)).data as string;
    expect(metrics).toMatch(new RegExp(`bridge_inbound_rate_limited_total\\{[^}]*client="acme"[^}]*\\} ${limited.length}\n`));
    expect(metrics).not.toMatch(/bridge_inbound_rate_limited_total\{[^}]*client="globex"/);
  });
});
