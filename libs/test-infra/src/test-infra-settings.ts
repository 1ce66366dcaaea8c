import { IsOptional } from 'class-validator';
// By path, not by the @bridge/settings alias: Jest's globalSetup loads this lib without the aliases.
import { BrokerListSetting, Environment, PostgresUrlSetting, Sensitive, Settings, loadSettings } from '../../settings/src';

/** Where a test run's Kafka and PostgreSQL already are; unset, the run finds or starts its own (DESIGN.md §8). */
export class TestInfraSettings extends Settings {
  @IsOptional() @BrokerListSetting() KAFKA_BROKERS?: string;
  @IsOptional() @PostgresUrlSetting() @Sensitive() DATABASE_URL?: string;
}

export function loadTestInfraSettings(env: Environment): TestInfraSettings {
  return loadSettings(TestInfraSettings, env, 'test infrastructure settings');
}

/** The settings of this process's environment: the one place the test infrastructure reads it. */
export function readTestInfraSettings(): TestInfraSettings {
  return loadTestInfraSettings(process.env);
}

/**
 * The KAFKA_* variables of this process's environment, set and not empty: how a broker given by KAFKA_BROKERS is
 * reached (its KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_*), handed on whole to the tests' services and clients.
 */
export function readKafkaEnvironment(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[0].startsWith('KAFKA_') && !!entry[1]));
}
