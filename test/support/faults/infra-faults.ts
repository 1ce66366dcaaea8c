import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPTS = path.resolve(__dirname, '../../../scripts/infra');

/**
 * The broker and the database of the run, killed and restarted with the local scripts that started them. A run
 * given someone else's Kafka or PostgreSQL (KAFKA_BROKERS / DATABASE_URL elsewhere) cannot restart them: that is
 * a failure naming what is missing, never a skipped fault.
 */
export class InfraFaults {
  private readonly kafkaPort: string;
  private readonly postgresPort: string;

  constructor(kafkaBrokers: string, databaseUrl: string) {
    this.kafkaPort = kafkaBrokers.split(',')[0].split(':').pop() ?? '';
    this.postgresPort = new URL(databaseUrl).port || '5432';
  }

  /** Fails unless both were started by scripts/infra on this machine (their state folders say so). */
  async assertControllable(): Promise<void> {
    try {
      await run('bash', ['-c', `source ${SCRIPTS}/common.sh && kafka_broker_pid "$(kafka_state_dir ${this.kafkaPort})" >/dev/null`]);
    } catch {
      throw new Error(`the fault suite kills and restarts the broker: it needs the Kafka started by scripts/infra/kafka-start.sh on port ${this.kafkaPort}, and none of this checkout runs there`);
    }
    try {
      await run('bash', [path.join(SCRIPTS, 'status.sh'), 'postgres'], { env: { ...process.env, PG_PORT: this.postgresPort } });
    } catch {
      throw new Error(`the fault suite restarts PostgreSQL: it needs the server started by scripts/infra/postgres-start.sh on port ${this.postgresPort}`);
    }
  }

  /** SIGKILL of the broker, down for `downMs`, then started again on its data (log recovery, controller election). */
  async killKafka(downMs: number): Promise<void> {
    await this.script('kafka-kill.sh');
    await sleep(downMs);
    await this.script('kafka-start.sh');
  }

  /** A PostgreSQL restart: sessions cut (fast shutdown), down for `downMs`, started again. */
  async restartPostgres(downMs: number): Promise<void> {
    await this.script('postgres-stop.sh');
    await sleep(downMs);
    await this.script('postgres-start.sh');
  }

  private async script(name: string): Promise<void> {
    await run('bash', [path.join(SCRIPTS, name)], { env: { ...process.env, KAFKA_PORT: this.kafkaPort, PG_PORT: this.postgresPort }, timeout: 300_000, maxBuffer: 16 * 1024 * 1024 });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
