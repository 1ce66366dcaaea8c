import os from 'node:os';

/** What a side measured in one repetition: a rate, or any figure where more is better. */
export type Repetition = () => Promise<number>;

/** A figure's repetitions, and what they spread over. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

/** The bridge and its baseline measured in alternation, and the machine's load before each repetition. */
export interface InterleavedRuns {
  bridge: Spread;
  baseline: Spread;
  /** bridge / baseline of each pair (the two runs next to each other in time). */
  ratio: Spread;
  /** The 1-minute load average before each repetition, in the order run (A B A B …). */
  load1m: number[];
}

/** The repetitions of a figure, at least 5 each side (issue 21). */
export const REPETITIONS = 5;
/** How long each repetition measures, at least: short windows measured start-up and noise. */
export const WINDOW_MS = 10_000;

export function spreadOf(values: readonly number[]): Spread {
  if (values.length === 0) throw new Error('no runs to spread');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], runs: [...values] };
}

/**
 * Runs the bridge's repetition and the baseline's in alternation, `repetitions` pairs, the baseline first in one pair
 * and the bridge first in the next (A B, B A, A B …), so neither always runs on a warmer or a busier machine.
 */
export async function interleaved(bridge: Repetition, baseline: Repetition, repetitions = REPETITIONS): Promise<InterleavedRuns> {
  const bridgeRuns: number[] = [];
  const baselineRuns: number[] = [];
  const load1m: number[] = [];
  for (let pair = 0; pair < repetitions; pair += 1) {
    const order: Array<[Repetition, number[]]> = pair % 2 === 0 ? [[baseline, baselineRuns], [bridge, bridgeRuns]] : [[bridge, bridgeRuns], [baseline, baselineRuns]];
    for (const [run, runs] of order) {
      load1m.push(Math.round(os.loadavg()[0] * 100) / 100);
      runs.push(await run());
    }
  }
  return { bridge: spreadOf(bridgeRuns), baseline: spreadOf(baselineRuns), ratio: spreadOf(bridgeRuns.map((value, i) => value / baselineRuns[i])), load1m };
}
