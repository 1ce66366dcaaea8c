import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import axios from 'axios';
import { Webhook } from 'standardwebhooks';
import { EventTypes, createEvent, topicNames } from '@bridge/contracts';
import { KafkaMessageBus } from '@bridge/messaging';
import { waitFor } from '@bridge/test-infra';
import { Bridge, startBridge } from '../../support/bridge-harness';
import { testConnection } from '../../support/kafka-test-kit';

const SIGNING_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/** A client's generic webhook endpoint: verifies every request as Standard Webhooks says. */
function startReceiver() {
  const received: Array<{ id: string; verified: boolean; body: any; auth?: string }> = [];
  let tokenRequests = 0;
  const server = http.createServer((request, response) => {
    if (request.url === '/token') {
      // An OAuth 2 token endpoint (client credentials) in front of the same receiver.
      let form = '';
      request.on('data', (chunk: Buffer) => (form += chunk));
      request.on('end', () => {
        const params = new URLSearchParams(form);
        const ok = params.get('grant_type') === 'client_credentials' && params.get('client_id') === 'bridge' && params.get('client_secret') === 'oauth-client-secret';
        tokenRequests += 1;
        response.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end(ok ? JSON.stringify({ access_token: 'issued-token', expires_in: 3600 }) : '{}');
      });
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let verified = true;
      try {
        new Webhook(SIGNING_SECRET).verify(body, request.headers as Record<string, string>);
      } catch {
        verified = false;
      }
      received.push({ id: String(request.headers['webhook-id']), verified, body: JSON.parse(body), auth: request.headers.authorization });
      response.writeHead(204).end();
    });
  });
  return new Promise<{ url: string; tokenUrl: string; received: typeof received; tokenRequests: () => number; close: () => void }>((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      resolve({ url: `${base}/hooks`, tokenUrl: `${base}/token`, received, tokenRequests: () => tokenRequests, close: () => server.close() });
    }),
  );
}

describe('notifier targets: a signed generic webhook, and a client whose template fails beside one that works', () => {
  let bridge: Bridge;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const bus = new KafkaMessageBus({ ...testConnection(), clientId: 'targets-test', partitions: 3 });

  beforeAll(async () => {
    receiver = await startReceiver();
    process.env.HOOKS_SIGNING_SECRET = SIGNING_SECRET;
    process.env.HOOKS_BEARER = 'hooks-bearer-token';
    process.env.OAUTHY_CLIENT_SECRET = 'oauth-client-secret';
    bridge = await startBridge({
      clients: ['hooks', 'broken', 'fine', 'oauthy'],
      notifier: true,
      gateway: false,
      env: { POLL_ENABLED: 'false' },
      outbound: {
        hooks: () => `    outbound:
      target: webhook
      baseUrl: '${receiver.url}'
      auth: { type: bearer, token: { env: HOOKS_BEARER } }
      signingSecret: { env: HOOKS_SIGNING_SECRET }`,
        oauthy: () => `    outbound:
      target: webhook
      baseUrl: '${receiver.url}'
      auth: { type: oauth, tokenUrl: '${receiver.tokenUrl}', clientId: bridge, clientSecret: { env: OAUTHY_CLIENT_SECRET } }
      signingSecret: { env: HOOKS_SIGNING_SECRET }`,
        // Parses, but renders invalid JSON as soon as a note contains a double quote.
        broken: (sandboxUrl) => `    outbound:
      baseUrl: '${sandboxUrl}/servicenow/broken'
      auth: { type: basic, username: tangoe.bridge, password: { env: BROKEN_SN_PASSWORD } }
      integrationUser: tangoe.bridge
      templates: { note: '{"work_notes": "{{ interaction.text }}"}' }`,
      },
    });
  });
  afterAll(async () => {
    await bus.close();
    await bridge.close();
    receiver.close();
  });

  const note = (client: string, ticket: string, text: string) =>
    createEvent(EventTypes.CommentAdded, { clientId: client, externalSourceId: ticket, origin: 'tangoe', commentId: `${ticket}-${text.length}`, text, visibility: 'public', createdAt: new Date().toISOString() }, { source: 'test' });

  it('delivers to a generic endpoint with a verifiable Standard Webhooks signature and a stable id', async () => {
    const event = note('hooks', 'T-1', 'Shipped.');
    await bus.publish(topicNames(process.env.TOPIC_NAMESPACE).tangoeEvents, [event]);
    const [delivery] = await waitFor(() => (receiver.received.length > 0 ? receiver.received : undefined), { description: 'the webhook' });
    expect(delivery).toMatchObject({ id: `msg_${event.id}`, verified: true, auth: 'Bearer hooks-bearer-token', body: { type: 'ticket.note', data: { client: 'hooks', ticket: 'T-1', text: 'Shipped.' } } });
  });

  it('authenticates with OAuth client credentials, one token for several deliveries', async () => {
    await bus.publish(topicNames(process.env.TOPIC_NAMESPACE).tangoeEvents, [note('oauthy', 'O-1', 'first'), note('oauthy', 'O-1', 'second one')]);
    const deliveries = await waitFor(() => {
      const mine = receiver.received.filter((r) => r.body.data.client === 'oauthy');
      return mine.length === 2 ? mine : undefined;
    }, { description: 'both OAuth deliveries' });
    expect(deliveries.map((d) => [d.auth, d.body.data.text, d.verified])).toEqual([['Bearer issued-token', 'first', true], ['Bearer issued-token', 'second one', true]]);
    expect(receiver.tokenRequests()).toBe(1);
  });

  it('parks what a template cannot render, keeps it listed, other clients unaffected, and replays it after the fix', async () => {
    const brokenSn = bridge.sandbox.servicenow.get('broken');
    const fineSn = bridge.sandbox.servicenow.get('fine');
    const broken = brokenSn.insert('incident', { short_description: 'x' }, 'ann.smith');
    const fine = fineSn.insert('incident', { short_description: 'y' }, 'ann.smith');
    await bus.publish(topicNames(process.env.TOPIC_NAMESPACE).tangoeEvents, [note('broken', broken.number, 'the "quoted" note'), note('fine', fine.number, 'the "quoted" note')]);

    await waitFor(() => fineSn.journalOf(fine.sys_id).length === 1, { description: 'the other client delivered' });
    const admin = { headers: { authorization: `Bearer ${bridge.adminToken}` }, validateStatus: () => true };
    const parked = await waitFor(async () => ((await axios.get(`${bridge.notifierUrl}/admin/deliveries/parked`, admin)).data as Array<{ id: string; clientId: string; error: string }>).find((d) => d.clientId === 'broken'), {
      description: 'the broken client parked',
    });
    expect(parked.error).toMatch(/note template of client broken does not render JSON/);
    // Nothing was written to the client's ServiceNow (reconciliation's reads aside).
    expect(brokenSn.calls.filter((call) => call.method !== 'GET')).toHaveLength(0);
    // Replaying before the template is fixed says why it still cannot go.
    const replay = await axios.post(`${bridge.notifierUrl}/admin/deliveries/${parked.id}/replay`, null, admin);
    expect(replay.status).toBe(422);
    expect(replay.data.error).toBe('template_failed');

    // The fix: the template escapes its value; the clients file is rolled out (the notifier restarts), then replayed.
    writeFileSync(bridge.clientsFile, readFileSync(bridge.clientsFile, 'utf8').replace('"{{ interaction.text }}"', '{{ interaction.text | json }}'));
    const notifierUrl = await bridge.restartNotifier();
    expect((await axios.post(`${notifierUrl}/admin/deliveries/${parked.id}/replay`, null, admin)).status).toBe(200);
    await waitFor(() => brokenSn.journalOf(broken.sys_id).length === 1, { description: 'the replayed note' });
    expect(brokenSn.journalOf(broken.sys_id)[0].value).toBe('the "quoted" note');
  });
});
