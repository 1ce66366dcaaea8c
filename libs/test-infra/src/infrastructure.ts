import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { readKafkaEnvironment, readTestInfraSettings } from './test-infra-settings';

const run = promisify(execFile);

/** Where the real Kafka and PostgreSQL of a test run come from, in the order DESIGN.md §8 fixes. */
export type InfraSource = 'environment' | 'testcontainers' | 'local-scripts';

export interface TestInfrastructure {
  kafkaBrokers: string;
  /**
   * Every KAFKA_* setting a client of this broker needs, KAFKA_BROKERS among them: the local broker's
   * SASL_PLAINTEXT, SCRAM mechanism and super user (scripts/infra/kafka-start.sh), or what the environment gave.
   */
  kafkaEnv: Record<string, string>;
  databaseUrl: string;
  sources: { kafka: InfraSource; postgres: InfraSource };
  /** Stops what this run started; leaves alone what was already there. */
  stop(): Promise<void>;
}

export const INFRA_ENV = { kafka: 'KAFKA_BROKERS', postgres: 'DATABASE_URL' } as const;

const REPO_ROOT = path.resolve(__dirname, '../../..');
const SCRIPTS = path.join(REPO_ROOT, 'scripts/infra');

/** Pinned to the broker the local scripts run, so every path tests against the same Kafka. */
const KAFKA_IMAGE = 'apache/kafka:3.9.1';
const POSTGRES_IMAGE = 'postgres:15-alpine';

export async function startTestInfrastructure(log: (line: string) => void): Promise<TestInfrastructure> {
  const stops: Array<() => Promise<void>> = [];
  const settings = readTestInfraSettings();
  const fromEnv = { kafka: settings.KAFKA_BROKERS, postgres: settings.DATABASE_URL };
  let kafka = fromEnv.kafka ? { value: fromEnv.kafka, source: 'environment' as InfraSource, env: readKafkaEnvironment() } : undefined;
  let postgres = fromEnv.postgres ? { value: fromEnv.postgres, source: 'environment' as InfraSource } : undefined;

  if ((!kafka || !postgres) && (await dockerEngineAnswers())) {
    const containers = await import('./containers');
    if (!kafka) {
      const started = await containers.startKafkaContainer(KAFKA_IMAGE);
      kafka = { value: started.brokers, source: 'testcontainers', env: { [INFRA_ENV.kafka]: started.brokers } };
      stops.push(started.stop);
    }
    if (!postgres) {
      const started = await containers.startPostgresContainer(POSTGRES_IMAGE);
      postgres = { value: started.url, source: 'testcontainers' };
      stops.push(started.stop);
    }
  }

  const missing: string[] = [];
  if (!kafka) {
    const started = await startLocal('kafka', INFRA_ENV.kafka, log);
    if (typeof started === 'string') missing.push(started);
    else {
      kafka = { value: started.value, source: 'local-scripts', env: started.env };
      if (started.startedHere) stops.push(() => stopLocal('kafka'));
    }
  }
  if (!postgres) {
    const started = await startLocal('postgres', INFRA_ENV.postgres, log);
    if (typeof started === 'string') missing.push(started);
    else {
      postgres = { value: started.value, source: 'local-scripts' };
      if (started.startedHere) stops.push(() => stopLocal('postgres'));
    }
  }

  if (!kafka || !postgres) {
    await Promise.allSettled(stops.map((stop) => stop()));
    throw new Error(
      'Integration tests need a real Kafka and a real PostgreSQL and could not get them:\n' +
        missing.map((line) => `  - ${line}`).join('\n') +
        `\nSet ${INFRA_ENV.kafka} / ${INFRA_ENV.postgres}, start a Docker engine, or run scripts/infra/install-prereqs.sh.`,
    );
  }
  return {
    kafkaBrokers: kafka.value,
    kafkaEnv: kafka.env,
    databaseUrl: postgres.value,
    sources: { kafka: kafka.source, postgres: postgres.source },
    stop: async () => {
      for (const stop of stops.reverse()) await stop();
    },
  };
}

/** Testcontainers only helps when an engine runs; a bare `docker` client (as on this project's CI) does not count. */
async function dockerEngineAnswers(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await Promise.race([
      getContainerRuntimeClient(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('no answer')), 5_000).unref()),
    ]);
    return true;
  } catch {
    return false;
  }
}

async function startLocal(
  what: 'kafka' | 'postgres',
  envName: string,
  log: (line: string) => void,
): Promise<{ value: string; env: Record<string, string>; startedHere: boolean } | string> {
  const script = path.join(SCRIPTS, `${what}-start.sh`);
  const wasRunning = await localIsRunning(what);
  try {
    log(`starting local ${what} with ${path.relative(REPO_ROOT, script)}`);
    const { stdout } = await run('bash', [script], { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024, timeout: 600_000 });
    // KEY=value lines: the address, and for Kafka how to authenticate to it.
    const env = Object.fromEntries(stdout.split('\n').filter((l) => /^[A-Z_]+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1).trim()]));
    if (!env[envName]) return `${what}: ${path.basename(script)} printed no ${envName}= line`;
    return { value: env[envName], env, startedHere: !wasRunning };
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? '').trim().split('\n').slice(-5).join(' | ');
    return `${what}: not in ${envName}, no Docker engine, and ${path.basename(script)} failed: ${stderr || (error as Error).message}`;
  }
}

async function localIsRunning(what: 'kafka' | 'postgres'): Promise<boolean> {
  try {
    await run('bash', [path.join(SCRIPTS, 'status.sh'), what], { cwd: REPO_ROOT });
    return true;
  } catch {
    return false;
  }
}

async function stopLocal(what: 'kafka' | 'postgres'): Promise<void> {
  await run('bash', [path.join(SCRIPTS, `${what}-stop.sh`)], { cwd: REPO_ROOT, timeout: 120_000 });
}
