import { AsyncMutex } from './async-mutex';

describe('AsyncMutex', () => {
  it('runs one piece of work at a time, in arrival order', async () => {
    const mutex = new AsyncMutex();
    const events: string[] = [];
    let releaseFirst!: () => void;
    const gate = new Promise<void>((resolve) => (releaseFirst = resolve));
    const first = mutex.run(async () => {
      events.push('first start');
      await gate;
      events.push('first end');
    });
    const second = mutex.run(async () => {
      events.push('second');
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(events).toEqual(['first start']);
    releaseFirst();
    await Promise.all([first, second]);
    expect(events).toEqual(['first start', 'first end', 'second']);
  });

  it('keeps going after a piece of work fails, and hands the failure to its caller', async () => {
    const mutex = new AsyncMutex();
    await expect(mutex.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(
      mutex.run(() => {
        throw new Error('sync boom');
      }),
    ).rejects.toThrow('sync boom');
    await expect(mutex.run(async () => 42)).resolves.toBe(42);
  });
});
