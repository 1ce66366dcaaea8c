import type { KafkaConfig, SASLOptions } from 'kafkajs';
import type { BusSecurity } from '../bus-security';

/** The bus's security as kafkajs takes it: TLS verifies the broker always (never rejectUnauthorized: false). */
export function kafkajsSecurity(security: BusSecurity | undefined): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  if (!security) return {};
  const { tls, sasl } = security;
  return {
    ssl: tls ? { rejectUnauthorized: true, ...(tls.ca ? { ca: [tls.ca] } : {}), ...(tls.cert ? { cert: tls.cert, key: tls.key } : {}) } : undefined,
    sasl: sasl ? ({ mechanism: sasl.mechanism, username: sasl.username, password: sasl.password } as SASLOptions) : undefined,
  };
}
