import axios from 'axios';
import { EventTypes, OUTBOUND_BODY_LIMIT_BYTES, createEvent, topicNames } from '@bridge/contracts';
import { KafkaMessageBus } from '@bridge/messaging';
import { waitFor } from '@bridge/test-infra';
import { SIGNED_TIMESTAMP_TOLERANCE_MS, signZendeskStyle } from '@bridge/webhook-security';
import { Bridge, startBridge, zendeskCaller } from '../../support/bridge-harness';
import { testConnection } from '../../support/kafka-test-kit';

/**
 * Attacks from outside on what the bridge reads and how long it holds on to it, against the real services and the
 * sandbox over HTTP: a captured Zendesk webhook replayed once its signed timestamp is old, and an ITSM answering
 * far more than anyone should read.
 */
describe('security: replay windows and bounds', () => {
  let bridge: Bridge;
  const bus = new KafkaMessageBus({ ...testConnection(), clientId: 'bounds-test', partitions: 3 });
  const admin = () => ({ headers: { authorization: `Bearer ${bridge.adminToken}` }, validateStatus: () => true });

  beforeAll(async () => {
    bridge = await startBridge({ clients: ['acme', 'zed'], itsm: { zed: 'zendesk' }, notifier: true, env: { RECONCILE_ENABLED: 'false', POLL_ENABLED: 'false' } });
  });
  afterAll(async () => {
    await bus.close();
    await bridge.close();
  });

  it('refuses a signed Zendesk webhook replayed more than 5 minutes after it was signed, with the reason; the same webhook fresh is taken', async () => {
    // The attacker's copy of a genuine delivery: the sandbox's Zendesk signs it, the network hands it over.
    const site = bridge.sandbox.zendesk.get('zed');
    const captured: Array<{ url: string; body: string }> = [];
    const send = site.webhookNetwork.send.bind(site.webhookNetwork);
    site.webhookNetwork.send = (url, _headers, body) => void captured.push({ url, body });
    const ticket = site.create({ subject: 'Lost phone', comment: 'Left it in a taxi.', group: 'Mobility', requester: { name: 'Ann Smith', phone: '+1 555 123 4567' } }, zendeskCaller);
    site.webhookNetwork.send = send;
    expect(captured).toHaveLength(1);
    const [{ url, body }] = captured;
    const post = (signedAt: Date) => {
      const timestamp = signedAt.toISOString();
      const headers = { 'content-type': 'application/json', 'x-zendesk-webhook-signature': signZendeskStyle(bridge.clients[1].webhookSecret, body, timestamp), 'x-zendesk-webhook-signature-timestamp': timestamp };
      return axios.post(url, body, { headers, transformRequest: (data) => data, validateStatus: () => true });
    };

    const replayed = await post(new Date(Date.now() - SIGNED_TIMESTAMP_TOLERANCE_MS - 60_000));
    expect(replayed.status).toBe(401);
    expect(replayed.data).toMatchObject({ error: 'unauthorized', message: expect.stringContaining('X-Zendesk-Webhook-Signature-Timestamp is more than 5 minutes from now') });
    const early = await post(new Date(Date.now() + SIGNED_TIMESTAMP_TOLERANCE_MS + 60_000));
    expect(early.status).toBe(401);

    const fresh = await post(new Date());
    expect(fresh.status).toBe(202);
    const request = await waitFor(() => bridge.sandbox.tangoe.supportRequestsOf('zed').find((r) => r.external_source_id === String(ticket.id)), { description: 'the support request of the fresh webhook' });
    await bridge.quiescent();
    expect(bridge.sandbox.tangoe.supportRequestsOf('zed').filter((r) => r.external_source_id === String(ticket.id))).toEqual([request]);
  });

  it("refuses an ITSM answer larger than the bound without crashing, and retries the delivery on its schedule", async () => {
    const instance = bridge.sandbox.servicenow.get('acme');
    const record = instance.insert('incident', { short_description: 'oversized' }, 'ann.smith');
    // The note is applied, but its answer is padded past what the notifier reads.
    instance.oversizedAnswers = { bytes: OUTBOUND_BODY_LIMIT_BYTES + 1, remaining: 1 };
    const note = createEvent(
      EventTypes.CommentAdded,
      { clientId: 'acme', externalSourceId: record.number, origin: 'tangoe', commentId: `${record.number}-big`, text: 'Replacement shipped.', visibility: 'public', createdAt: new Date().toISOString() },
      { source: 'test' },
    );
    await bus.publish(topicNames(process.env.TOPIC_NAMESPACE).tangoeEvents, [note]);

    type Attempt = { status_code: number | null; response: string | null };
    const attemptsOf = async () => ((await axios.get(`${bridge.notifierUrl}/admin/tickets/acme/${record.number}/deliveries`, admin())).data as Array<{ status: string; attempts_log: Attempt[] }>)[0];
    const delivery = await waitFor(async () => ((await attemptsOf())?.status === 'delivered' ? attemptsOf() : undefined), { description: 'the delivery, retried after the oversized answer' });
    const [refused, ...later] = delivery.attempts_log;
    expect(refused).toMatchObject({ status_code: null, response: expect.stringContaining('ERR_BAD_RESPONSE') });
    expect(later.length).toBeGreaterThanOrEqual(1);
    expect(instance.oversizedAnswers.remaining).toBe(0);
    // The retry looked before it wrote: the note the ITSM had applied is there once.
    expect(instance.journalOf(record.sys_id).map((entry) => entry.value)).toEqual(['Replacement shipped.']);
    expect((await axios.get(`${bridge.notifierUrl}/health/ready`, { validateStatus: () => true })).status).toBe(200);
  });
});
