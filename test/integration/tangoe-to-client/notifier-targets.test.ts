import http from 'node:http';
import axios from 'axios';
import { Webhook } from 'standardwebhooks';
import { EventTypes, createEvent, topicNames } from '@bridge/contracts';
import { KafkaMessageBus } from '@bridge/messaging';
import { waitFor } from '@bridge/test-infra';
import { Bridge, startBridge } from '../../support/bridge-harness';
import { testBrokers } from '../../support/kafka-test-kit';

const SIGNING_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/** A client's generic webhook endpoint: verifies every request as Standard Webhooks says. */
function startReceiver() {
  const received: Array<{ id: string; verified: boolean; body: any; auth?: string }> = [];
  const server = http.createServer((request, response) => {
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
  return new Promise<{ url: string; received: typeof received; close: () => void }>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks`, received, close: () => server.close() })),
  );
}

describe('notifier targets: a signed generic webhook, and a client whose template fails beside one that works', () => {
  let bridge: Bridge;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const bus = new KafkaMessageBus({ brokers: testBrokers(), clientId: 'targets-test', partitions: 3 });

  beforeAll(async () => {
    receiver = await startReceiver();
    process.env.HOOKS_SIGNING_SECRET = SIGNING_SECRET;
    process.env.HOOKS_BEARER = 'hooks-bearer-token';
    bridge = await startBridge({
      clients: ['hooks', 'broken', 'fine'],
      notifier: true,
      gateway: false,
      env: { POLL_ENABLED: 'false' },
      outbound: {
        hooks: () => `    outbound:
      target: webhook
      baseUrl: '${receiver.url}'
      auth: { type: bearer, token: { env: HOOKS_BEARER } }
      signingSecret: { env: HOOKS_SIGNING_SECRET }`,
        // Parses, but renders invalid JSON as soon as a note contains a double quote.
        broken: (sandboxUrl) => `    outbound:
      baseUrl: '${sandboxUrl}/servicenow/broken'
      auth: { type: basic, username: tangoe.bridge, password: { env: BROKEN_SN_PASSWORD } }
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

  it('parks what a template cannot render, keeps it listed, and other clients are unaffected', async () => {
    const brokenSn = bridge.sandbox.servicenow.instance('broken');
    const fineSn = bridge.sandbox.servicenow.instance('fine');
    const broken = brokenSn.insert('incident', { short_description: 'x' }, 'ann.smith');
    const fine = fineSn.insert('incident', { short_description: 'y' }, 'ann.smith');
    await bus.publish(topicNames(process.env.TOPIC_NAMESPACE).tangoeEvents, [note('broken', broken.number, 'the "quoted" note'), note('fine', fine.number, 'the "quoted" note')]);

    await waitFor(() => fineSn.journalOf(fine.sys_id).length === 1, { description: 'the other client delivered' });
    const admin = { headers: { authorization: `Bearer ${bridge.adminToken}` }, validateStatus: () => true };
    const parked = await waitFor(async () => ((await axios.get(`${bridge.notifierUrl}/admin/deliveries/parked`, admin)).data as Array<{ id: string; clientId: string; error: string }>).find((d) => d.clientId === 'broken'), {
      description: 'the broken client parked',
    });
    expect(parked.error).toMatch(/note template of client broken does not render JSON/);
    expect(brokenSn.calls).toHaveLength(0);
    // Replaying before the template is fixed says why it still cannot go.
    const replay = await axios.post(`${bridge.notifierUrl}/admin/deliveries/${parked.id}/replay`, null, admin);
    expect(replay.status).toBe(422);
    expect(replay.data.error).toBe('template_failed');
  });
});
