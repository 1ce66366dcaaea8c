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
