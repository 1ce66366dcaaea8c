import { spawn } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import { KafkaMessageBus } from '@bridge/messaging';
import { uniqueName, waitFor } from '@bridge/test-infra';
import { sampleComment } from '../../../libs/messaging/src/testing/sample-events';
import { testConnection } from '../../support/kafka-test-kit';

const REPO = path.resolve(__dirname, '../../..');

describe('a consumer killed after its effect but before its commit', () => {
  const db = new Client({ connectionString: process.env.DATABASE_URL });
  const table = uniqueName('effects');

  beforeAll(async () => {
    await db.connect();
    await db.query(`create table ${table} (event_id text not null, handled_by text not null)`);
  });

  afterAll(async () => {
    await db.query(`drop table if exists ${table}`);
    await db.end();
  });

  it('gets the event again after a restart: the effect happened twice, which idempotent use cases absorb', async () => {
    const topic = uniqueName('crash');
    const group = uniqueName('crash_grp');
    const bus = new KafkaMessageBus({ ...testConnection(), clientId: 'crash-test', partitions: 3 });
    try {
      const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join(__dirname, 'crash-consumer.child.ts'), topic, group, table], {
        cwd: REPO,
        env: process.env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
      await waitFor(() => output.includes('subscribed'), { description: `the child to subscribe (output: ${output})`, timeoutMs: 60_000 });

      const event = sampleComment('CRASH', 1);
      await bus.publish(topic, [event]);
      expect(await exited).toBe('SIGKILL');
      const { rows: first } = await db.query(`select handled_by from ${table} where event_id = $1`, [event.id]);
      expect(first).toHaveLength(1);

      const redelivered: string[] = [];
      await bus.subscribe({ topic, group, handler: async ({ event: again }) => void redelivered.push(again.id) });
      await waitFor(() => redelivered.length > 0, { description: 'the uncommitted event to be delivered again', timeoutMs: 60_000 });
      expect(redelivered).toEqual([event.id]);
    } finally {
      await bus.close();
    }
  });
});
