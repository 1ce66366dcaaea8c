import { EligibleClients } from './eligible-clients';

describe('the eligible clients of a work line', () => {
  let now = 0;
  let reads = 0;
  const source = async () => (reads += 1, ['acme']);
  beforeEach(() => ((now = 0), (reads = 0)));

  it('are read once for every asker within a tick, and again after it', async () => {
    const clients = new EligibleClients(source, 200, () => now);
    await Promise.all([clients.get(), clients.get(), clients.get()]);
    now = 199;
    expect(await clients.get()).toEqual(['acme']);
    expect(reads).toBe(1);
    now = 200;
    await clients.get();
    expect(reads).toBe(2);
  });

  it('are read afresh once forgotten', async () => {
    const clients = new EligibleClients(source, 200, () => now);
    await clients.get();
    clients.forget();
    await clients.get();
    expect(reads).toBe(2);
  });

  it('keep no failed read', async () => {
    let fail = true;
    const clients = new EligibleClients(async () => {
      if (fail) throw new Error('database down');
      return ['acme'];
    }, 200, () => now);
    await expect(clients.get()).rejects.toThrow('database down');
    fail = false;
    expect(await clients.get()).toEqual(['acme']);
  });
});
