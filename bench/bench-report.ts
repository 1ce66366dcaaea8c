import os from 'node:os';
import { commitUnderTest } from '@bridge/test-infra';

/** One measured figure beside the baseline measured on the same machine in the same run. */
export interface BenchFigure {
  benchmark: string;
  metric: string;
  unit: string;
  value: number;
  baseline?: { name: string; value: number };
  /** value / baseline: above 1 means more of the unit than the baseline. */
  ratio?: number;
  notes?: string;
}

export interface BenchReport {
  date: string;
  /** The commit measured ("+changes" when the working tree differed from it). */
  commit: string;
  machine: { cores: number; memoryGiB: number; node: string };
  versions: Record<string, string>;
  figures: BenchFigure[];
}

export function figure(benchmark: string, metric: string, unit: string, value: number, baseline?: { name: string; value: number }, notes?: string): BenchFigure {
  const rounded = round(value);
  return {
    benchmark,
    metric,
    unit,
    value: rounded,
    baseline: baseline ? { name: baseline.name, value: round(baseline.value) } : undefined,
    ratio: baseline && baseline.value > 0 ? Math.round((value / baseline.value) * 100) / 100 : undefined,
    notes,
  };
}

export function newReport(versions: Record<string, string>): BenchReport {
  return {
    date: new Date().toISOString(),
    commit: commitUnderTest(),
    machine: { cores: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    versions,
    figures: [],
  };
}

export function formatTable(report: BenchReport): string {
  const header = ['benchmark', 'metric', 'value', 'baseline', 'ratio'];
  const rows = report.figures.map((f) => [
    f.benchmark,
    f.metric,
    `${f.value} ${f.unit}`,
    f.baseline ? `${f.baseline.value} ${f.unit} (${f.baseline.name})` : '—',
    f.ratio !== undefined ? `${f.ratio}×` : '—',
  ]);
  const lines = [
    `Benchmarks of ${report.date.slice(0, 10)} (commit ${report.commit.slice(0, 7)}${report.commit.endsWith('+changes') ? '+changes' : ''}) on ${report.machine.cores} cores, Node ${report.machine.node}, ` +
      Object.entries(report.versions).map(([name, version]) => `${name} ${version}`).join(', '),
    '',
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
  return lines.join('\n');
}

function round(value: number): number {
  return value >= 100 ? Math.round(value) : Math.round(value * 100) / 100;
}
