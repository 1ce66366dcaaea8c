import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import axios from 'axios';
import { Client } from 'pg';
import { topicNames } from '@bridge/contracts';
import { waitFor } from '@bridge/test-infra';
import { Bridge, startBridge } from '../../support/bridge-harness';
import { incidentInserted } from '../../support/servicenow-payloads';
import { bareKafka } from '../../support/kafka-test-kit';

/**
 * A whole flow, failures included, with known secret values; then every place a secret could leak is searched:
 * the logs (at debug level), the events on Kafka, the error answers, and the databases (delivery log included).
 */
describe('secrets stay secret', () => {
  const logFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'secrets-')), 'bridge.log');
  let bridge: Bridge;
  const answers: string[] = [];

  beforeAll(async () => {
    bridge = await startBridge({ clients: ['acme'], notifier: true, env: { LOG_LEVEL: 'debug', LOG_FILE: logFile, RECONCILE_ENABLED: 'false' } });
  });
  afterAll(() => bridge.close());

  it('appear in no log line, event, error answer or table', async () => {
    const secrets = [bridge.clients[0].webhookSecret, bridge.clients[0].tangoeToken, process.env.ACME_SN_PASSWORD!, process.env.ACME_TANGOE_PUSH!, bridge.adminToken];
    expect(secrets.every((s) => s && s.length > 10)).toBe(true);

    // A normal ticket, both ways, with the ITSM failing once and Tangoe refusing once on the way.
    const instance = bridge.sandbox.servicenow.get('acme');
    const record = instance.insert('incident', { short_description: 'secret test', assignment_group: 'Mobility', caller_name: 'Ann Smith', caller_phone: '5551234567' }, 'ann.smith');
    const request = await waitFor(() => bridge.sandbox.tangoe.supportRequestsOf('acme').find((r) => r.external_source_id === record.number), { description: 'the support request' });
    instance.failures = { status: 401, remaining: 1 };
    await axios.post(`${bridge.sandbox.url}/sandbox/tangoe/support_requests/${request.id}/interactions`, { text: 'note' }, { headers: { 'x-sandbox-admin': 'sandbox-admin' } });
    bridge.sandbox.tangoe.faults.set({ errorRate: 1, next: 1, pathPrefix: '/1/support_requests' });
    await bridge.postServiceNow('acme', incidentInserted('INC5000001', { caller_employee_number: '404' }));
    await new Promise((resolve) => setTimeout(resolve, 3_000));

    // Refusals the bridge answers with.
    const wrong = await axios.post(`${bridge.ingressUrl}/v1/clients/acme/webhooks/servicenow`, '{}', { headers: { 'content-type': 'application/json', 'x-bridge-signature': 'sha256=00' }, validateStatus: () => true });
    answers.push(JSON.stringify(wrong.data));
    const admin = await axios.get(`${bridge.notifierUrl}/admin/deliveries/parked`, { headers: { authorization: 'Bearer wrong' }, validateStatus: () => true });
    answers.push(JSON.stringify(admin.data));
    const parked = await axios.get(`${bridge.notifierUrl}/admin/deliveries/parked`, { headers: { authorization: `Bearer ${bridge.adminToken}` } });
    answers.push(JSON.stringify(parked.data));
    expect(parked.data.length).toBeGreaterThan(0);

    const logs = readFileSync(logFile, 'utf8');
    expect(logs.split('\n').length).toBeGreaterThan(20);
    // The search below can only find a leak if the logs, events and tables it reads are the real ones.
    expect(logs).toContain('webhook accepted');
    expect(logs).toContain('delivery parked');

    const topics = topicNames(process.env.TOPIC_NAMESPACE);
    const consumer = bareKafka('secrets').consumer({ groupId: `secrets-${Date.now()}` });
    const records: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topics: [topics.clientEvents, topics.tangoeEvents], fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void records.push(`${message.value?.toString()} ${JSON.stringify(message.headers)}`) });
    await waitFor(() => records.length >= 3, { description: 'the events on Kafka' });
    await consumer.disconnect();

    const db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
    const dumps: string[] = [];
    for (const schema of ['ingress', 'tangoe_gateway', 'outbound_notifier'].map((s) => `${process.env.DATABASE_SCHEMA_PREFIX}_${s}`)) {
      const { rows: tables } = await db.query('select table_name from information_schema.tables where table_schema = $1', [schema]);
      for (const { table_name: table } of tables) dumps.push(JSON.stringify((await db.query(`select * from "${schema}"."${table}"`)).rows));
    }
    await db.end();
    expect(dumps.join('').length).toBeGreaterThan(1_000);

    const everything = [logs, records.join('\n'), answers.join('\n'), dumps.join('\n')];
    for (const secret of secrets) for (const place of everything) expect(place.includes(secret) ? `leaked: ${secret.slice(0, 4)}…` : 'clean').toBe('clean');
  });
});
