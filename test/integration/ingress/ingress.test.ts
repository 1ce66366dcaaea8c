import axios from 'axios';
import fc from 'fast-check';
import { signBody } from '@bridge/webhook-security';
import { waitFor } from '@bridge/test-infra';
import inserted from '../../../libs/itsm-adapters/src/servicenow/fixtures/incident-inserted.json';
import { RunningIngress, SECRETS, startIngress } from './ingress-harness';
import { TopicRecorder } from './topic-recorder';

describe('ingress: ServiceNow webhooks in, events on Kafka', () => {
  let ingress: RunningIngress;
  let recorder: TopicRecorder;

  beforeAll(async () => {
    ingress = await startIngress();
    recorder = new TopicRecorder(ingress.topics.clientEvents);
    // The first accepted webhook creates the topic; the recorder subscribes after it exists.
  });
  afterAll(async () => {
    await recorder.stop().catch(() => undefined);
    await ingress.close();
  });

  const post = (client: string, body: unknown, options: { secret?: string; contentType?: string; raw?: string } = {}) => {
    const raw = options.raw ?? JSON.stringify(body);
    const secret = options.secret ?? SECRETS[`${client.toUpperCase()}_WEBHOOK_SECRET` as keyof typeof SECRETS] ?? 'none';
    return axios.post(`${ingress.url}/v1/clients/${client}/webhooks/servicenow`, raw, {
      headers: { 'content-type': options.contentType ?? 'application/json', 'x-bridge-signature': signBody(secret, raw) },
      validateStatus: () => true,
      transformRequest: (data) => data,
    });
  };
  const ticket = (number: string, extra: Record<string, unknown> = {}) => ({
    ...inserted,
    sys_id: Buffer.from(number.padEnd(16, '0')).toString('hex').slice(0, 32),
    record: { ...inserted.record, number, ...extra },
  });

  it('publishes a routed ticket once, even when the webhook is delivered twice', async () => {
    const first = await post('acme', ticket('INC1000001'));
    expect(first.status).toBe(202);
    expect(first.data).toMatchObject({ status: 'accepted', events: [{ type: 'TicketOpened' }], duplicates: 0 });
    const again = await post('acme', ticket('INC1000001'));
    expect(again.status).toBe(202);
    expect(again.data).toMatchObject({ status: 'accepted', events: [], duplicates: 1 });

    await recorder.start();
    await waitFor(() => recorder.events.some((e) => e.subject === 'acme:INC1000001'), { description: 'the TicketOpened on Kafka' });
    expect(recorder.events.filter((e) => e.subject === 'acme:INC1000001')).toHaveLength(1);
  });

  it('keeps two clients with the same ticket number apart, and one client cannot write as another', async () => {
    expect((await post('globex', ticket('INC1000001'))).status).toBe(202);
    await waitFor(() => recorder.events.some((e) => e.subject === 'globex:INC1000001'), { description: "globex's ticket" });
    expect(recorder.events.filter((e) => e.data.externalSourceId === 'INC1000001').map((e) => e.subject).sort()).toEqual(['acme:INC1000001', 'globex:INC1000001']);

    const forged = await post('globex', ticket('INC1000002'), { secret: SECRETS.ACME_WEBHOOK_SECRET });
    expect(forged.status).toBe(401);
    expect(forged.data).toEqual({ error: 'unauthorized', message: 'signature does not match the body' });
  });

  it('answers 202 "ignored" for tickets outside the routing rules, and publishes nothing', async () => {
    const response = await post('acme', ticket('INC1000003', { assignment_group: 'Service Desk' }));
    expect(response.status).toBe(202);
    expect(response.data.status).toBe('ignored');
  });

  it('answers every kind of bad input with the right 4xx and a JSON body naming the problem', async () => {
    const cases: Array<[string, Promise<{ status: number; data: { error: string } }>, number, string]> = [
      ['malformed JSON', post('acme', null, { raw: '{"event": ' }), 400, 'malformed_json'],
      ['wrong signature', post('acme', ticket('INC1000004'), { secret: 'guess' }), 401, 'unauthorized'],
      ['unknown client', post('initech', ticket('INC1000004')), 404, 'unknown_client'],
      ['oversized body', post('acme', { ...ticket('INC1000004'), padding: 'x'.repeat(300 * 1024) }), 413, 'payload_too_large'],
      ['not JSON content', post('acme', ticket('INC1000004'), { contentType: 'text/plain' }), 415, 'unsupported_media_type'],
      ['missing fields', post('acme', { event: 'record.inserted', table: 'incident', sys_id: 'f'.repeat(32), record: { number: 'INC1000004', assignment_group: 'Mobility' } }), 422, 'invalid_payload'],
    ];
    for (const [name, request, status, error] of cases) {
      const response = await request;
      expect({ name, status: response.status, error: response.data.error }).toEqual({ name, status, error });
    }
    const missing = await post('acme', { ...ticket('INC1000005'), record: { number: 'INC1000005', assignment_group: 'Mobility' } });
    expect(missing.data.fields.map((f: { field: string }) => f.field)).toEqual(['record.short_description', 'record.caller_name', 'record.caller_phone']);
  });

  it('survives a property-based fuzz of bodies: no 5xx, nothing published, still serving', async () => {
    const before = recorder.events.length;
    const body = fc.oneof(
      fc.json(),
      fc.record({ event: fc.string(), table: fc.constantFrom('incident', 'sc_req_item', 'x'), sys_id: fc.string(), record: fc.dictionary(fc.string(), fc.jsonValue()) }),
      fc.string(),
    );
    await fc.assert(
      fc.asyncProperty(body, async (value) => {
        const raw = typeof value === 'string' ? value : JSON.stringify(value);
        const response = await post('acme', null, { raw });
        return response.status >= 400 && response.status < 500 || (response.status === 202 && response.data.status === 'ignored');
      }),
      { numRuns: 300 },
    );
    expect((await axios.get(`${ingress.url}/health/live`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(recorder.events.length).toBe(before);
  });
});
