import { readFileSync } from 'node:fs';
import axios from 'axios';
import { Kafka, logLevel } from 'kafkajs';
import { EventTypes, createEvent, topicNames } from '@bridge/contracts';
import { KafkaMessageBus, KafkaSettings, busSecurityOf } from '@bridge/messaging';
import { loadSettings } from '@bridge/settings';
import { uniqueName, waitFor } from '@bridge/test-infra';
import { runCliCaptured as cli } from '../../../libs/cli/src/testing/run-captured';
import { Bridge, startBridge } from '../../support/bridge-harness';
import { LocalPrincipal, localSecuredBroker, testConnection } from '../../support/kafka-test-kit';

/**
 * The bus as an outsider and as the wrong service meet it (docs/security.md#the-bus): the local broker runs SASL/SCRAM
 * with ACLs on, as production does, and TLS listeners beside it. Nobody gets in without credentials; each service's
 * principal does only what `bridge kafka-acls` granted it; and the three services, each on its own principal, carry a
 * ticket both ways.
 */
describe('security: the authenticated bus', () => {
  const broker = localSecuredBroker();
  const namespace = uniqueName('sasl');
  const topics = topicNames(namespace);
  const event = () => createEvent(EventTypes.StateChanged, { clientId: 'acme', subjectKind: 'ticket', externalSourceId: 'INC0000001', origin: 'tangoe', state: 'closed', changedAt: new Date().toISOString(), changeId: uniqueName('c') }, { source: 'outsider' });
  /** A bus as one principal would make it from its settings; failing fast, so a refusal is an answer, not a wait. */
  const busAs = (env: Record<string, string>, clientId: string) =>
    new KafkaMessageBus({ brokers: env.KAFKA_BROKERS.split(','), security: busSecurityOf(loadSettings(KafkaSettings, env, 'Kafka settings')), clientId, partitions: 1 });
  const scram = (principal: LocalPrincipal, password = broker.password(principal)) => ({
    KAFKA_BROKERS: broker.saslPlaintext,
    KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT',
    KAFKA_SASL_USERNAME: principal,
    KAFKA_SASL_PASSWORD: password,
  });
  const buses: KafkaMessageBus[] = [];
  const track = (bus: KafkaMessageBus) => (buses.push(bus), bus);

  beforeAll(async () => {
    // As an operator would: the super user of the run's settings applies the services' grants.
    const applied = await cli('kafka-acls', '--namespace', namespace, '--apply');
    expect(applied).toMatchObject({ code: 0, out: expect.stringMatching(/^\d+ ACLs in place for User:bridge-ingress, User:bridge-gateway, User:bridge-notifier/) });
  });
  afterAll(() => Promise.all(buses.map((bus) => bus.close())));

  it('refuses a client without credentials, and one with a wrong password', async () => {
    const bare = new Kafka({ clientId: 'outsider', brokers: [broker.saslPlaintext], logLevel: logLevel.NOTHING, retry: { retries: 1 }, connectionTimeout: 3_000 }).producer();
    await expect(bare.connect().then(() => bare.send({ topic: topics.clientEvents, messages: [{ value: 'x' }] }))).rejects.toThrow();
    await bare.disconnect();
    const guessing = new Kafka({ clientId: 'guesser', brokers: [broker.saslPlaintext], sasl: { mechanism: 'scram-sha-512', username: 'bridge-ingress', password: 'guess' }, logLevel: logLevel.NOTHING, retry: { retries: 0 } }).producer();
    await expect(guessing.connect()).rejects.toThrow(/SASL SCRAM SHA512 authentication failed/);
  });

  it("lets the ingress write the client's events, and refuses it Tangoe's events and any read", async () => {
    const ingress = track(busAs(scram('bridge-ingress'), 'as-ingress'));
    await ingress.publish(topics.clientEvents, [event()]);
    // An event naming a client on Tangoe's side would be sent to that client's ITSM: the ingress may not write it.
    await expect(ingress.publish(topics.tangoeEvents, [event()])).rejects.toThrow(/TOPIC_AUTHORIZATION_FAILED/);
    await expect(ingress.subscribe({ topic: topics.clientEvents, group: topics.consumerGroup('tangoe-gateway'), handler: async () => undefined })).rejects.toThrow(/TOPIC_AUTHORIZATION_FAILED/);
  });

  it("refuses the notifier the client's events and any group but its own", async () => {
    const notifier = track(busAs(scram('bridge-notifier'), 'as-notifier'));
    await expect(notifier.publish(topics.clientEvents, [event()])).rejects.toThrow(/TOPIC_AUTHORIZATION_FAILED/);
    await expect(notifier.subscribe({ topic: topics.tangoeEvents, group: topics.consumerGroup('someone-else'), handler: async () => undefined })).rejects.toThrow(/TOPIC_AUTHORIZATION_FAILED/);
  });

  it('takes SCRAM over TLS with the CA, and a client certificate of its CA alone (mutual TLS)', async () => {
    const overTls = track(busAs({ ...scram('bridge-ingress'), KAFKA_BROKERS: broker.saslSsl, KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', KAFKA_SSL_CA_FILE: broker.caFile }, 'ingress-tls'));
    await overTls.publish(topics.clientEvents, [event()]);
    const certificate = (principal: LocalPrincipal | 'outsider') => ({
      KAFKA_BROKERS: broker.mutualTls,
      KAFKA_SECURITY_PROTOCOL: 'SSL',
      KAFKA_SSL_CA_FILE: broker.caFile,
      KAFKA_SSL_CERT_FILE: broker.certFile(principal),
      KAFKA_SSL_KEY_FILE: broker.keyFile(principal),
    });
    // The certificate's CN is the principal: the ingress's may write the client's events, not Tangoe's.
    const ingress = track(busAs(certificate('bridge-ingress'), 'ingress-mtls'));
    await ingress.publish(topics.clientEvents, [event()]);
    await expect(ingress.publish(topics.tangoeEvents, [event()])).rejects.toThrow(/TOPIC_AUTHORIZATION_FAILED/);
    // A certificate naming the ingress but signed by another CA is no one.
    const outsider = new Kafka({ clientId: 'outsider-mtls', brokers: [broker.mutualTls], ssl: { ca: [readFileSync(broker.caFile, 'utf8')], cert: readFileSync(broker.certFile('outsider'), 'utf8'), key: readFileSync(broker.keyFile('outsider'), 'utf8') }, logLevel: logLevel.NOTHING, retry: { retries: 0 }, connectionTimeout: 3_000 }).producer();
    await expect(outsider.connect().then(() => outsider.send({ topic: topics.clientEvents, messages: [{ value: 'x' }] }))).rejects.toThrow();
    await outsider.disconnect();
  });

  describe('the three services, each on its own principal', () => {
    let bridge: Bridge;
    beforeAll(async () => {
      bridge = await startBridge({
        namespace,
        clients: ['acme'],
        notifier: true,
        env: { POLL_ENABLED: 'false', RECONCILE_ENABLED: 'false' },
        serviceEnv: { ingress: scram('bridge-ingress'), gateway: scram('bridge-gateway'), notifier: scram('bridge-notifier') },
      });
    });
    afterAll(() => bridge?.close());

    it('carry a ticket to Tangoe and its close back to the ITSM', async () => {
      const instance = bridge.sandbox.servicenow.get('acme');
      const record = instance.insert('incident', { short_description: 'Least privilege', assignment_group: 'Mobility', caller_name: 'Ann Smith', caller_phone: '5551234567' }, 'ann.smith');
      const request = await waitFor(() => bridge.sandbox.tangoe.supportRequestsOf('acme').find((r) => r.external_source_id === record.number), { description: 'the support request at Tangoe' });
      await axios.post(`${bridge.sandbox.url}/sandbox/tangoe/support_requests/${request.id}/state`, { state: 'closed' }, { headers: { 'x-sandbox-admin': 'sandbox-admin' } });
      await waitFor(() => instance.records.get(record.sys_id)?.state === '7', { description: 'the close in ServiceNow' });
      // Nothing was refused on the way: nothing parked, no dead letter.
      await bridge.quiescent();
      const parked = await cli('parked', 'list', '--gateway', bridge.gatewayUrl, '--notifier', bridge.notifierUrl);
      expect(parked).toMatchObject({ code: 0 });
      expect(JSON.parse(parked.out)).toEqual([]);
    });
  });

  it('is what every other test runs on: their own bus is the super user over SASL', () => {
    expect(testConnection().security?.sasl).toMatchObject({ mechanism: 'scram-sha-512', username: 'bridge-admin' });
  });
});
