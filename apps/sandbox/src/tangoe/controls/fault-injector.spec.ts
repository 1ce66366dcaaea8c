import { ERROR_STATUSES, FaultInjector, validateFaults } from './fault-injector';
import { TangoeSandboxError } from '../tangoe-sandbox.error';

const kinds = (injector: FaultInjector, n: number) => Array.from({ length: n }, () => injector.decide('GET', '/1/support_requests').kind);

describe('FaultInjector', () => {
  it('injects nothing by default', () => {
    expect(kinds(new FaultInjector(), 20).every((kind) => kind === 'none')).toBe(true);
  });

  it('repeats the same faults for the same seed', () => {
    const a = new FaultInjector();
    a.set({ errorRate: 0.3, rateLimitRate: 0.2, commitThenDropRate: 0.2 }, 7);
    const b = new FaultInjector(123);
    b.set({ errorRate: 0.3, rateLimitRate: 0.2, commitThenDropRate: 0.2, seed: 7 });
    const first = kinds(a, 50);
    expect(kinds(b, 50)).toEqual(first);
    expect(new Set(first)).toEqual(new Set(['none', 'error', 'rate-limit', 'commit-then-drop']));
  });

  it('answers errors with 500, 502 or 503', () => {
    const injector = new FaultInjector(1);
    injector.set({ errorRate: 1 });
    const statuses = new Set(Array.from({ length: 60 }, () => injector.decide('POST', '/1/support_requests')).map((d) => (d.kind === 'error' ? d.status : 0)));
    expect([...statuses].sort()).toEqual([...ERROR_STATUSES]);
  });

  it('scopes faults to a path prefix, methods and the next N requests', () => {
    const injector = new FaultInjector();
    injector.set({ commitThenDrop: 1, pathPrefix: '/1/interactions', methods: ['post'], next: 2 });
    expect(injector.decide('POST', '/1/support_requests').kind).toBe('none');
    expect(injector.decide('GET', '/1/interactions').kind).toBe('none');
    expect(injector.decide('POST', '/1/interactions').kind).toBe('commit-then-drop');
    expect(injector.decide('POST', '/1/interactions').kind).toBe('commit-then-drop');
    expect(injector.decide('POST', '/1/interactions').kind).toBe('none');
    expect(injector.current().next).toBe(0);
  });

  it('adds latency whatever the roll', () => {
    const injector = new FaultInjector();
    injector.set({ latencyMs: 25 });
    expect(injector.decide('GET', '/1/x')).toEqual({ kind: 'none', latencyMs: 25 });
  });

  it('refuses settings that make no sense, naming them', () => {
    expect(validateFaults({ errorRate: 2, latencyMs: -1 }).errors).toEqual({ errorRate: ['must be a number from 0 to 1'], latencyMs: ['must be a number from 0 to 120000'] });
    expect(validateFaults({ errorRate: 0.6, commitThenDropRate: 0.6 }).errors).toEqual({ rates: ['must add up to at most 1'] });
    expect(validateFaults({ pathPrefix: '1/x', next: -1 }).errors).toEqual({ pathPrefix: ['must be a path starting with /'], next: ['must be a whole number'] });
    expect(() => new FaultInjector().set({ rateLimitRate: -0.1 })).toThrow(TangoeSandboxError);
  });
});
