import { seededRandom } from './seeded-random';
import { FieldErrors, addError } from '../store/support-request';
import { TangoeSandboxError } from '../tangoe-sandbox.error';

/**
 * Faults the sandbox injects into Tangoe's API (`/1/…`, `/v2/…`), set per run. One roll per request decides, in
 * this order: an error (500/502/503, nothing stored), an extra 429, or commit-then-drop (the request is stored or
 * applied, then the connection is cut without an answer: the caller cannot know whether it worked).
 */
export interface FaultSettings {
  latencyMs: number;
  errorRate: number;
  rateLimitRate: number;
  commitThenDropRate: number;
  /** Only requests whose path starts with this are affected. */
  pathPrefix?: string;
  /** Only requests with one of these methods are affected. */
  methods?: string[];
  /** Only the next N matching requests are affected; then the faults switch themselves off. */
  next?: number;
}

/** What `PUT /sandbox/tangoe/faults` and `set()` take: `commitThenDrop` is accepted for `commitThenDropRate`. */
export type FaultInput = Partial<FaultSettings> & { commitThenDrop?: number; seed?: number };

export const NO_FAULTS: FaultSettings = { latencyMs: 0, errorRate: 0, rateLimitRate: 0, commitThenDropRate: 0 };

export const ERROR_STATUSES = [500, 502, 503] as const;

export type FaultDecision =
  | { kind: 'none'; latencyMs: number }
  | { kind: 'error'; latencyMs: number; status: (typeof ERROR_STATUSES)[number] }
  | { kind: 'rate-limit'; latencyMs: number }
  | { kind: 'commit-then-drop'; latencyMs: number };

/** Checks fault settings: rates from 0 to 1 and together at most 1 (one roll decides). */
export function validateFaults(input: FaultInput): { value?: FaultSettings; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const body = (input ?? {}) as FaultInput;
  const value: FaultSettings = {
    latencyMs: body.latencyMs ?? 0,
    errorRate: body.errorRate ?? 0,
    rateLimitRate: body.rateLimitRate ?? 0,
    commitThenDropRate: body.commitThenDropRate ?? body.commitThenDrop ?? 0,
  };
  for (const name of ['errorRate', 'rateLimitRate', 'commitThenDropRate'] as const) {
    const rate = value[name];
    if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) addError(errors, name, 'must be a number from 0 to 1');
  }
  if (typeof value.latencyMs !== 'number' || !(value.latencyMs >= 0 && value.latencyMs <= 120_000)) addError(errors, 'latencyMs', 'must be a number from 0 to 120000');
  if (Object.keys(errors).length === 0 && value.errorRate + value.rateLimitRate + value.commitThenDropRate > 1) addError(errors, 'rates', 'must add up to at most 1');
  if (body.pathPrefix !== undefined) {
    if (typeof body.pathPrefix !== 'string' || !body.pathPrefix.startsWith('/')) addError(errors, 'pathPrefix', 'must be a path starting with /');
    else value.pathPrefix = body.pathPrefix;
  }
  if (body.methods !== undefined) {
    if (!Array.isArray(body.methods) || body.methods.some((m) => typeof m !== 'string')) addError(errors, 'methods', 'must be a list of HTTP methods');
    else value.methods = body.methods.map((m) => m.toUpperCase());
  }
  if (body.next !== undefined) {
    if (!Number.isInteger(body.next) || body.next < 0) addError(errors, 'next', 'must be a whole number');
    else value.next = body.next;
  }
  if (body.seed !== undefined && !Number.isInteger(body.seed)) addError(errors, 'seed', 'must be a whole number');
  return Object.keys(errors).length > 0 ? { errors } : { value, errors };
}

export class FaultInjector {
  private settings: FaultSettings = { ...NO_FAULTS };
  private random: () => number;

  /** With a seed, the sequence of faults is the same on every run. */
  constructor(seed?: number) {
    this.random = seed === undefined ? Math.random : seededRandom(seed);
  }

  /** Replaces the settings (`set({})` turns every fault off); a seed restarts the sequence of rolls. */
  set(input: FaultInput = {}, seed?: number): FaultSettings {
    const { value, errors } = validateFaults(input);
    if (!value) throw TangoeSandboxError.invalid(errors);
    const reseed = seed ?? input.seed;
    if (reseed !== undefined) this.random = seededRandom(reseed);
    this.settings = value;
    return this.current();
  }

  current(): FaultSettings {
    return { ...this.settings };
  }

  decide(method: string, path: string): FaultDecision {
    const s = this.settings;
    if (s.pathPrefix && !path.startsWith(s.pathPrefix)) return { kind: 'none', latencyMs: 0 };
    if (s.methods && !s.methods.includes(method.toUpperCase())) return { kind: 'none', latencyMs: 0 };
    if (s.next !== undefined) {
      if (s.next <= 0) return { kind: 'none', latencyMs: 0 };
      s.next -= 1;
    }
    const latencyMs = s.latencyMs;
    if (s.errorRate === 0 && s.rateLimitRate === 0 && s.commitThenDropRate === 0) return { kind: 'none', latencyMs };
    const roll = this.random();
    if (roll < s.errorRate) return { kind: 'error', latencyMs, status: ERROR_STATUSES[Math.floor(this.random() * ERROR_STATUSES.length)] };
    if (roll < s.errorRate + s.rateLimitRate) return { kind: 'rate-limit', latencyMs };
    if (roll < s.errorRate + s.rateLimitRate + s.commitThenDropRate) return { kind: 'commit-then-drop', latencyMs };
    return { kind: 'none', latencyMs };
  }
}
