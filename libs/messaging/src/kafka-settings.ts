import { readFileSync } from 'node:fs';
import { IsIn, IsOptional, IsString, MinLength, ValidateIf } from 'class-validator';
import type { BusSecurity, ScramMechanism } from './bus-security';
import { BrokerListSetting, Sensitive, Settings, SettingsError } from '@bridge/settings';

export const KAFKA_SECURITY_PROTOCOLS = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'] as const;
export type KafkaSecurityProtocol = (typeof KAFKA_SECURITY_PROTOCOLS)[number];
const usesSasl = (s: KafkaSettings) => s.KAFKA_SECURITY_PROTOCOL === 'SASL_PLAINTEXT' || s.KAFKA_SECURITY_PROTOCOL === 'SASL_SSL';

/**
 * How a service reaches Kafka, in Kafka's own vocabulary (`security.protocol`, `sasl.mechanism`): the brokers, TLS
 * and the service's own SCRAM principal, or a client certificate (mutual TLS). A service is refused at start when its
 * protocol asks for credentials it was not given. docs/security.md#the-bus says which principal needs which ACL.
 */
export class KafkaSettings extends Settings {
  /** Unset: the in-process bus (standalone). */
  @IsOptional() @BrokerListSetting() KAFKA_BROKERS?: string;
  /** PLAINTEXT only where the network itself is trusted; production runs SASL_SSL (or SSL with a client certificate). */
  @IsIn(KAFKA_SECURITY_PROTOCOLS) KAFKA_SECURITY_PROTOCOL: KafkaSecurityProtocol = 'PLAINTEXT';
  @IsIn(['SCRAM-SHA-256', 'SCRAM-SHA-512']) KAFKA_SASL_MECHANISM: 'SCRAM-SHA-256' | 'SCRAM-SHA-512' = 'SCRAM-SHA-512';
  /** The service's own principal (each service its own: its ACLs name only its topics and groups). */
  @ValidateIf(usesSasl) @IsString() @MinLength(1, { message: 'KAFKA_SASL_USERNAME is required with a SASL_* KAFKA_SECURITY_PROTOCOL' }) KAFKA_SASL_USERNAME?: string;
  @ValidateIf(usesSasl) @IsString() @MinLength(1, { message: 'KAFKA_SASL_PASSWORD is required with a SASL_* KAFKA_SECURITY_PROTOCOL' }) @Sensitive() KAFKA_SASL_PASSWORD?: string;
  /** PEM files, read at start: the brokers' CA (unset: the system's), and for mutual TLS a client certificate and its key. */
  @IsOptional() @IsString() KAFKA_SSL_CA_FILE?: string;
  @ValidateIf((s: KafkaSettings) => s.KAFKA_SSL_KEY_FILE !== undefined) @IsString({ message: 'KAFKA_SSL_CERT_FILE is required with KAFKA_SSL_KEY_FILE' }) KAFKA_SSL_CERT_FILE?: string;
  @ValidateIf((s: KafkaSettings) => s.KAFKA_SSL_CERT_FILE !== undefined) @IsString({ message: 'KAFKA_SSL_KEY_FILE is required with KAFKA_SSL_CERT_FILE' }) KAFKA_SSL_KEY_FILE?: string;
}

/**
 * The bus's security from the settings, the PEM files read now: a file that cannot be read stops the service at
 * start with the variable named, not at its first publish. TLS files with a protocol without TLS are refused too,
 * since the operator meant TLS and would otherwise get plaintext.
 */
export function busSecurityOf(settings: KafkaSettings, read: (file: string) => string = (file) => readFileSync(file, 'utf8')): BusSecurity {
  const protocol = settings.KAFKA_SECURITY_PROTOCOL;
  const tlsOn = protocol === 'SSL' || protocol === 'SASL_SSL';
  const files = { KAFKA_SSL_CA_FILE: settings.KAFKA_SSL_CA_FILE, KAFKA_SSL_CERT_FILE: settings.KAFKA_SSL_CERT_FILE, KAFKA_SSL_KEY_FILE: settings.KAFKA_SSL_KEY_FILE };
  const given = Object.entries(files).filter(([, file]) => file !== undefined);
  if (!tlsOn && given.length > 0) {
    throw new SettingsError('Kafka settings', [`${given.map(([name]) => name).join(', ')} set but KAFKA_SECURITY_PROTOCOL is ${protocol}: set SSL or SASL_SSL`]);
  }
  const pem = (name: keyof typeof files) => {
    const file = files[name];
    if (file === undefined) return undefined;
    try {
      return read(file);
    } catch (error) {
      throw new SettingsError('Kafka settings', [`${name} (${file}) cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`]);
    }
  };
  return {
    tls: tlsOn ? { ca: pem('KAFKA_SSL_CA_FILE'), cert: pem('KAFKA_SSL_CERT_FILE'), key: pem('KAFKA_SSL_KEY_FILE') } : undefined,
    sasl: usesSasl(settings)
      ? { mechanism: settings.KAFKA_SASL_MECHANISM.toLowerCase() as ScramMechanism, username: settings.KAFKA_SASL_USERNAME!, password: settings.KAFKA_SASL_PASSWORD! }
      : undefined,
  };
}
