import os from 'node:os';
import { commitUnderTest } from '@bridge/test-infra';
import type { InterleavedRuns } from './harness/interleaved';

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
  /**
   * A figure measured in interleaved repetitions (bench/harness): `value` and `baseline.value` are the medians, `ratio`
   * the median of the pairs' ratios, and this says what they spread over and the machine's load before each run.
   * A figure without it is one shot.
   */
  spread?: {
    bridge: { min: number; max: number; runs: number[] };
    baseline: { min: number; max: number; runs: number[] };
    ratio: { min: number; max: number };
    load1m: number[];
  };
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

/** A figure from interleaved repetitions: the medians, with their spread. */
export function spreadFigure(benchmark: string, metric: string, unit: string, runs: InterleavedRuns, baselineName: string, notes?: string): BenchFigure {
  const ratio = (value: number) => Math.round(value * 100) / 100;
  return {
    ...figure(benchmark, metric, unit, runs.bridge.median, { name: baselineName, value: runs.baseline.median }, notes),
    ratio: ratio(runs.ratio.median),
    spread: {
      bridge: { min: round(runs.bridge.min), max: round(runs.bridge.max), runs: runs.bridge.runs.map(round) },
      baseline: { min: round(runs.baseline.min), max: round(runs.baseline.max), runs: runs.baseline.runs.map(round) },
      ratio: { min: ratio(runs.ratio.min), max: ratio(runs.ratio.max) },
      load1m: runs.load1m,
    },
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
  // A repeated figure shows its median with its range; a figure measured once says so.
  const rows = report.figures.map((f) => [
    f.benchmark,
    f.metric,
    f.spread ? `${f.value} ${f.unit} (${f.spread.bridge.min}–${f.spread.bridge.max}, ${f.spread.bridge.runs.length} runs)` : `${f.value} ${f.unit} (one run)`,
    f.baseline ? (f.spread ? `${f.baseline.value} ${f.unit} (${f.spread.baseline.min}–${f.spread.baseline.max}) (${f.baseline.name})` : `${f.baseline.value} ${f.unit} (${f.baseline.name})`) : '—',
    f.ratio !== undefined ? (f.spread ? `${f.ratio}× (${f.spread.ratio.min}–${f.spread.ratio.max})` : `${f.ratio}×`) : '—',
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
