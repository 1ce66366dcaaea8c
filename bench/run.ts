import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BusConnection, KafkaSettings, busSecurityOf } from '@bridge/messaging';
import { loadSettings } from '@bridge/settings';
import { startTestInfrastructure } from '@bridge/test-infra';
import { BenchFigure, formatTable, newReport } from './bench-report';
import { ingressBenchmark } from './ingress.bench';
import { memoryBenchmark } from './memory.bench';
import { messagingBenchmark } from './messaging.bench';
import { notifierBenchmark } from './notifier.bench';
import { pollerBenchmark } from './poller.bench';
import { lostWebhookDelayBenchmark, reconciliationCostBenchmark } from './reconciliation.bench';

/**
 * `npm run bench`: every benchmark in one run on the same broker and database, each figure with a baseline
 * measured here and now. Writes bench/results.json and prints the table.
 * `npm run bench -- --only memory,ingress` runs those alone and prints their figures, writing nothing: a part is
 * no run of record.
 */
async function main(): Promise<void> {
  const only = onlyOf(process.argv.slice(2));
  const infra = await startTestInfrastructure((line) => process.stderr.write(`[infra] ${line}\n`));
  try {
    const report = newReport({ kafkajs: require('kafkajs/package.json').version, Kafka: kafkaVersion(), PostgreSQL: postgresVersion(infra.databaseUrl) });
    process.env.DATABASE_URL = infra.databaseUrl;
    // The services and the baselines alike authenticate as the broker asks (the local one: SASL/SCRAM).
    Object.assign(process.env, infra.kafkaEnv);
    const connection: BusConnection = { brokers: infra.kafkaBrokers.split(','), security: busSecurityOf(loadSettings(KafkaSettings, process.env, 'Kafka settings of the bench')) };
    for (const bench of BENCHMARKS.filter(({ name }) => !only || only.has(name))) {
      process.stderr.write(`[bench] ${bench.title}…\n`);
      report.figures.push(...(await bench.run(connection)));
    }
    const table = formatTable(report);
    if (only) {
      process.stdout.write(`${table}\n\n(--only: nothing written)\n`);
      return;
    }
    const file = path.join(__dirname, 'results.json');
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    updateReadme(table);
    process.stdout.write(`${table}\n\nwritten to ${path.relative(process.cwd(), file)} and README.md\n`);
  } finally {
    await infra.stop();
  }
}

interface Benchmark {
  name: string;
  title: string;
  run: (connection: BusConnection) => Promise<BenchFigure[]>;
}

const BENCHMARKS: Benchmark[] = [
  { name: 'messaging', title: 'messaging', run: (connection) => messagingBenchmark(connection) },
  { name: 'ingress', title: 'ingress and client → Tangoe', run: (connection) => ingressBenchmark(connection) },
  { name: 'notifier', title: 'notifier', run: (connection) => notifierBenchmark(connection) },
  {
    name: 'poller',
    title: 'poller over 1,000 and 10,000 linked requests',
    run: async (connection) => [...(await pollerBenchmark(connection, 1_000)), ...(await pollerBenchmark(connection, 10_000))],
  },
  {
    name: 'reconciliation',
    title: 'reconciliation over 1,000 and 10,000 open tickets, and a lost webhook found by it',
    run: async () => [...(await reconciliationCostBenchmark(1_000)), ...(await reconciliationCostBenchmark(10_000)), ...(await lostWebhookDelayBenchmark())],
  },
  {
    name: 'memory',
    title: 'memory of each service as its own process',
    run: async () => {
      // The services run as the image runs them: the bundles of `npm run build`, built now from the code measured.
      execFileSync('npm', ['run', 'build'], { cwd: path.join(__dirname, '..'), stdio: ['ignore', process.stderr, 'inherit'] });
      return memoryBenchmark();
    },
  },
];

/** The names after `--only` (comma-separated); undefined: all of them. Any other argument is refused, not ignored. */
function onlyOf(args: string[]): Set<string> | undefined {
  if (args.length === 0) return undefined;
  const known = BENCHMARKS.map(({ name }) => name);
  const names = args[0] === '--only' && args.length === 2 ? args[1].split(',').filter(Boolean) : [];
  if (names.length === 0 || names.some((name) => !known.includes(name))) {
    throw new Error(`usage: npm run bench [-- --only NAME[,NAME…]], NAME one of ${known.join(', ')}; got ${args.join(' ')}`);
  }
  return new Set(names);
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
