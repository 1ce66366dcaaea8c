// globalSetup runs outside Jest's module map, so the alias @bridge/test-infra does not resolve here.
import { INFRA_ENV, startTestInfrastructure } from '../../libs/test-infra/src';

/**
 * Starts (or finds) one real Kafka and one real PostgreSQL for the whole run; tests isolate themselves by topic,
 * group and schema names. Failing here fails the run with a message naming what is missing: never a skip.
 */
export default async function globalSetup(): Promise<void> {
  const infra = await startTestInfrastructure((line) => process.stderr.write(`[infra] ${line}\n`));
  // The brokers and how to authenticate to them (the local broker runs SASL, as production does).
  Object.assign(process.env, infra.kafkaEnv);
  process.env[INFRA_ENV.postgres] = infra.databaseUrl;
  process.stderr.write(
    `[infra] Kafka ${infra.kafkaBrokers} (${infra.sources.kafka}), PostgreSQL (${infra.sources.postgres})\n`,
  );
  (globalThis as { __bridgeInfra?: typeof infra }).__bridgeInfra = infra;
}
