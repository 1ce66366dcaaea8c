/**
 * A consumer process that records its effect in PostgreSQL and is then killed with SIGKILL before it can commit
 * the offset: the crash the at-least-once promise is about. Started by kafka-crash.test.ts.
 */
import { Client } from 'pg';
import { KafkaMessageBus } from '@bridge/messaging';
import { testConnection } from '../../support/kafka-test-kit';

async function main(): Promise<void> {
  const [topic, group, table] = process.argv.slice(2);
  const db = new Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  // Commits would otherwise happen within a second; the kill must land before any commit of the effect's offset.
  const bus = new KafkaMessageBus({ ...testConnection(), clientId: 'crash-child', commitIntervalMs: 600_000, sessionTimeoutMs: 6_000 });
  await bus.subscribe({
    topic,
    group,
    handler: async ({ event }) => {
      await db.query(`insert into ${table} (event_id, handled_by) values ($1, $2)`, [event.id, `child-${process.pid}`]);
      process.kill(process.pid, 'SIGKILL');
    },
  });
  process.stdout.write('subscribed\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
