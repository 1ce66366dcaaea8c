import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startTestInfrastructure } from '@bridge/test-infra';
import { formatTable, newReport } from './bench-report';
import { messagingBenchmark } from './messaging.bench';

/**
 * `npm run bench`: every benchmark in one run on the same broker and database, each figure with a baseline
 * measured here and now. Writes bench/results.json and prints the table.
 */
async function main(): Promise<void> {
  const infra = await startTestInfrastructure((line) => process.stderr.write(`[infra] ${line}\n`));
  try {
    const report = newReport({ kafkajs: require('kafkajs/package.json').version, Kafka: kafkaVersion(), PostgreSQL: postgresVersion(infra.databaseUrl) });
    const brokers = infra.kafkaBrokers.split(',');
    process.stderr.write('[bench] messaging…\n');
    report.figures.push(...(await messagingBenchmark(brokers)));
    const file = path.join(__dirname, 'results.json');
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`${formatTable(report)}\n\nwritten to ${path.relative(process.cwd(), file)}\n`);
  } finally {
    await infra.stop();
  }
}

function kafkaVersion(): string {
  return process.env.BENCH_KAFKA_VERSION ?? '3.9.1';
}

function postgresVersion(url: string): string {
  try {
    return execFileSync('psql', [url, '-Atc', 'show server_version'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
