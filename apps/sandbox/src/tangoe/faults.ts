/**
 * Faults the sandbox injects, set per run. `commitThenDropRate` stores the request and then cuts the connection
 * without an answer: the caller cannot know whether it worked, the case exactly-once creation must survive.
 */
export interface FaultSettings {
  latencyMs: number;
  errorRate: number;
  rateLimitRate: number;
  commitThenDropRate: number;
  /** Only requests whose path starts with this are affected. */
  pathPrefix?: string;
  /** Only the next N matching requests are affected; then the faults switch themselves off. */
  next?: number;
}

export const NO_FAULTS: FaultSettings = { latencyMs: 0, errorRate: 0, rateLimitRate: 0, commitThenDropRate: 0 };

export type FaultDecision = 'none' | 'error' | 'rate-limit' | 'commit-then-drop';

export class FaultInjector {
  private settings: FaultSettings = { ...NO_FAULTS };
  private seed = 0;

  constructor(private random: () => number = Math.random) {}

  set(settings: Partial<FaultSettings>, seed?: number): FaultSettings {
    this.settings = { ...NO_FAULTS, ...settings };
    if (seed !== undefined) {
      this.seed = seed >>> 0;
      this.random = () => {
        // mulberry32: reproducible fault sequences for a given seed.
        this.seed = (this.seed + 0x6d2b79f5) >>> 0;
        let t = this.seed;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
    }
    return this.settings;
  }

  current(): FaultSettings {
    return this.settings;
  }

  decide(path: string): { decision: FaultDecision; latencyMs: number } {
    const s = this.settings;
    if (s.pathPrefix && !path.startsWith(s.pathPrefix)) return { decision: 'none', latencyMs: 0 };
    if (s.next !== undefined) {
      if (s.next <= 0) return { decision: 'none', latencyMs: 0 };
      s.next -= 1;
    }
    const roll = this.random();
    let decision: FaultDecision = 'none';
    if (roll < s.errorRate) decision = 'error';
    else if (roll < s.errorRate + s.rateLimitRate) decision = 'rate-limit';
    else if (roll < s.errorRate + s.rateLimitRate + s.commitThenDropRate) decision = 'commit-then-drop';
    return { decision, latencyMs: s.latencyMs };
  }
}
