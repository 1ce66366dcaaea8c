import { loadSettings } from '@bridge/settings';
import { KafkaSettings, busSecurityOf } from './kafka-settings';

const load = (env: Record<string, string>) => loadSettings(KafkaSettings, { KAFKA_BROKERS: 'kafka:9093', ...env }, 'Kafka settings');
const files: Record<string, string> = { '/ca.pem': 'CA', '/cert.pem': 'CERT', '/key.pem': 'KEY' };
const read = (file: string) => {
  if (!(file in files)) throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' });
  return files[file];
};

describe("a service's way onto the bus", () => {
  it('is plaintext and anonymous unless told otherwise', () => {
    expect(busSecurityOf(load({}), read)).toEqual({ tls: undefined, sasl: undefined });
  });

  it('takes its own SCRAM principal over TLS, the CA from a file', () => {
    const settings = load({ KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', KAFKA_SASL_USERNAME: 'bridge-ingress', KAFKA_SASL_PASSWORD: 's3cret', KAFKA_SSL_CA_FILE: '/ca.pem' });
    expect(busSecurityOf(settings, read)).toEqual({ tls: { ca: 'CA', cert: undefined, key: undefined }, sasl: { mechanism: 'scram-sha-512', username: 'bridge-ingress', password: 's3cret' } });
  });

  it('takes a client certificate for mutual TLS', () => {
    const settings = load({ KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_SSL_CA_FILE: '/ca.pem', KAFKA_SSL_CERT_FILE: '/cert.pem', KAFKA_SSL_KEY_FILE: '/key.pem' });
    expect(busSecurityOf(settings, read)).toEqual({ tls: { ca: 'CA', cert: 'CERT', key: 'KEY' }, sasl: undefined });
  });

  it('refuses a SASL protocol without its credentials, naming what is missing and never a value', () => {
    expect(() => load({ KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', KAFKA_SASL_PASSWORD: 'hunter2' })).toThrow(/KAFKA_SASL_USERNAME is required/);
    expect(() => load({ KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT', KAFKA_SASL_USERNAME: 'u' })).toThrow(/KAFKA_SASL_PASSWORD is invalid \(value hidden\)/);
    expect(() => load({ KAFKA_SECURITY_PROTOCOL: 'TLS' })).toThrow(/KAFKA_SECURITY_PROTOCOL/);
  });

  it('refuses half a client certificate, and TLS files with a protocol without TLS', () => {
    expect(() => load({ KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_SSL_CERT_FILE: '/cert.pem' })).toThrow(/KAFKA_SSL_KEY_FILE is required with KAFKA_SSL_CERT_FILE/);
    expect(() => busSecurityOf(load({ KAFKA_SSL_CA_FILE: '/ca.pem' }), read)).toThrow(/KAFKA_SSL_CA_FILE set but KAFKA_SECURITY_PROTOCOL is PLAINTEXT/);
  });

  it('names the file it cannot read at start, not at the first publish', () => {
    const settings = load({ KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_SSL_CA_FILE: '/missing.pem' });
    expect(() => busSecurityOf(settings, read)).toThrow('KAFKA_SSL_CA_FILE (/missing.pem) cannot be read: ENOENT');
  });
});
