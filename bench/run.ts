import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BusConnection, KafkaSettings, busSecurityOf } from '@bridge/messaging';
import { loadSettings } from '@bridge/settings';
import { startTestInfrastructure } from '@bridge/test-infra';
import { formatTable, newReport } from './bench-report';
import { ingressBenchmark } from './ingress.bench';
import { memoryBenchmark } from './memory.bench';
import { messagingBenchmark } from './messaging.bench';
import { notifierBenchmark } from './notifier.bench';
import { pollerBenchmark } from './poller.bench';
import { lostWebhookDelayBenchmark, reconciliationCostBenchmark } from './reconciliation.bench';

/**
 * `npm run bench`: every benchmark in one run on the same broker and database, each figure with a baseline
 * measured here and now. Writes bench/results.json and prints the table.
 */
async function main(): Promise<void> {
  const infra = await startTestInfrastructure((line) => process.stderr.write(`[infra] ${line}\n`));
  try {
    const report = newReport({ kafkajs: require('kafkajs/package.json').version, Kafka: kafkaVersion(), PostgreSQL: postgresVersion(infra.databaseUrl) });
    process.env.DATABASE_URL = infra.databaseUrl;
    // The services and the baselines alike authenticate as the broker asks (the local one: SASL/SCRAM).
    Object.assign(process.env, infra.kafkaEnv);
    const connection: BusConnection = { brokers: infra.kafkaBrokers.split(','), security: busSecurityOf(loadSettings(KafkaSettings, process.env, 'Kafka settings of the bench')) };
    process.stderr.write('[bench] messaging…\n');
    report.figures.push(...(await messagingBenchmark(connection)));
    process.stderr.write('[bench] ingress and client → Tangoe…\n');
    report.figures.push(...(await ingressBenchmark(connection)));
    process.stderr.write('[bench] notifier…\n');
    report.figures.push(...(await notifierBenchmark(connection)));
    for (const linked of [1_000, 10_000]) {
      process.stderr.write(`[bench] poller over ${linked} linked requests…\n`);
      report.figures.push(...(await pollerBenchmark(connection, linked)));
    }
    for (const open of [1_000, 10_000]) {
      process.stderr.write(`[bench] reconciliation over ${open} open tickets…\n`);
      report.figures.push(...(await reconciliationCostBenchmark(open)));
    }
    process.stderr.write('[bench] a lost webhook, found by reconciliation…\n');
    report.figures.push(...(await lostWebhookDelayBenchmark()));
    process.stderr.write('[bench] memory of each service as its own process…\n');
    // The services run as the image runs them: the bundles of `npm run build`, built now when missing.
    if (!existsSync(path.join(__dirname, '../dist/apps/outbound-notifier/main.js'))) execFileSync('npm', ['run', 'build'], { cwd: path.join(__dirname, '..'), stdio: 'inherit' });
    report.figures.push(...(await memoryBenchmark()));
    const file = path.join(__dirname, 'results.json');
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    const table = formatTable(report);
    updateReadme(table);
    process.stdout.write(`${table}\n\nwritten to ${path.relative(process.cwd(), file)} and README.md\n`);
  } finally {
    await infra.stop();
  }
}

/** The README shows the table of the latest run between two markers; nothing there is typed by hand. */
function updateReadme(table: string): void {
  const readme = path.join(__dirname, '../README.md');
  const text = readFileSync(readme, 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) return;
  writeFileSync(readme, `${text.slice(0, from + start.length)}\n${table}\n${text.slice(to)}`);
}

/** The broker version the project pins (deploy/local-kafka/pom.xml), which every infrastructure path runs. */
function kafkaVersion(): string {
  const pom = readFileSync(path.join(__dirname, '../deploy/local-kafka/pom.xml'), 'utf8');
  return /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(pom)?.[1] ?? 'unknown';
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
