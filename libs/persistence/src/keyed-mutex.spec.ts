import { KeyedMutex } from './keyed-mutex';

describe('KeyedMutex', () => {
  it("runs one key's holders one after the other, other keys' at once, and goes on after a failed one", async () => {
    const drains = new KeyedMutex();
    const log: string[] = [];
    const drain = (name: string, ms: number, fail = false) => async () => {
      log.push(`${name} start`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      log.push(`${name} end`);
      if (fail) throw new Error(`${name} failed`);
      return name;
    };
    const first = drains.run('acme:INC1', drain('a1', 30, true));
    const second = drains.run('acme:INC1', drain('a2', 5));
    const other = drains.run('acme:INC2', drain('b1', 5));
    await expect(first).rejects.toThrow('a1 failed');
    await expect(second).resolves.toBe('a2');
    await expect(other).resolves.toBe('b1');
    expect(log.indexOf('a2 start')).toBeGreaterThan(log.indexOf('a1 end'));
    expect(log.indexOf('b1 end')).toBeLessThan(log.indexOf('a1 end'));
  });
});
