import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Kafka, KafkaMessage, logLevel } from 'kafkajs';
import { BusConnection, DeadLetter, KafkaSettings, busSecurityOf, decodeDeadLetterRecord, kafkajsSecurity } from '@bridge/messaging';
import { loadSettings } from '@bridge/settings';
import { waitFor } from '@bridge/test-infra';

/** Brokers of this run, from the integration globalSetup. */
export function testBrokers(): string[] {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: integration tests need a real Kafka');
  return brokers.split(',');
}

/** The brokers of this run and how to authenticate to them (the local broker's super user): what a test's own bus takes. */
export function testConnection(): BusConnection {
  return { brokers: testBrokers(), security: busSecurityOf(loadSettings(KafkaSettings, process.env, 'Kafka settings of the test run')) };
}

export function bareKafka(clientId = 'test-kit'): Kafka {
  const { brokers, security } = testConnection();
  return new Kafka({ clientId, brokers, ...kafkajsSecurity(security), logLevel: logLevel.NOTHING });
}

/** Reads a topic from the start, as it was written, until `count` records arrived (or the deadline passed). */
export async function readRecords(topic: string, count: number, timeoutMs = 60_000): Promise<Array<{ partition: number; message: KafkaMessage }>> {
  const consumer = bareKafka().consumer({ groupId: `reader-${topic}-${Date.now()}` });
  const records: Array<{ partition: number; message: KafkaMessage }> = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ partition, message }) => void records.push({ partition, message }) });
    await waitFor(() => records.length >= count, { description: `${count} record(s) on ${topic}`, timeoutMs });
    return records;
  } finally {
    await consumer.disconnect();
  }
}

/** Reads a dead-letter topic from the start until `count` records arrived (or the deadline passed). */
export async function readDeadLetters(topic: string, count: number, timeoutMs = 60_000): Promise<DeadLetter[]> {
  const records = await readRecords(topic, count, timeoutMs);
  return records.map(({ message }) => decodeDeadLetterRecord(message.key, message.value, message.headers));
}

export type LocalPrincipal = 'bridge-ingress' | 'bridge-gateway' | 'bridge-notifier';

/**
 * The local broker of scripts/infra/kafka-start.sh as a security test needs it: its per-service principals'
 * passwords and certificates, and its TLS listeners. Anything else (a broker given by KAFKA_BROKERS without its
 * principals, a plaintext container) fails the test with what is missing: the bus's security is not tested by skipping.
 */
export function localSecuredBroker() {
  const [host, port] = testBrokers()[0].split(':');
  const infraDir = process.env.INFRA_DIR ?? path.resolve(__dirname, '../../.infra');
  const state = path.join(infraDir, port === '19092' ? 'kafka' : `kafka-${port}`);
  const credentialsFile = path.join(state, 'credentials.env');
  if (process.env.KAFKA_SECURITY_PROTOCOL !== 'SASL_PLAINTEXT' || !existsSync(credentialsFile)) {
    throw new Error(
      `this test needs the local broker of scripts/infra/kafka-start.sh (SASL and ACLs on, its principals in ${credentialsFile}); ` +
        `the run has KAFKA_BROKERS=${testBrokers().join(',')} with KAFKA_SECURITY_PROTOCOL=${process.env.KAFKA_SECURITY_PROTOCOL ?? 'unset'}`,
    );
  }
  const passwords = Object.fromEntries(readFileSync(credentialsFile, 'utf8').trim().split('\n').map((line) => line.split('=') as [string, string]));
  const tls = (file: string) => path.join(state, 'tls', file);
  return {
    saslPlaintext: `${host}:${port}`,
    saslSsl: `${host}:${Number(port) + 2}`,
    mutualTls: `${host}:${Number(port) + 3}`,
    password: (principal: LocalPrincipal) => passwords[`${principal.slice('bridge-'.length).toUpperCase()}_PASSWORD`],
    caFile: tls('ca.pem'),
    certFile: (principal: LocalPrincipal | 'outsider') => tls(`${principal}.pem`),
    keyFile: (principal: LocalPrincipal | 'outsider') => tls(`${principal}-key.pem`),
  };
}
