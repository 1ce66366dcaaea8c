import { CoalescingSender, OutgoingRecord, TopicRecords } from './coalescing-sender';

/** A produce call the test answers when it chooses, recording what each request carried. */
function controlledProducer() {
  const requests: Array<{ batch: TopicRecords[]; answer: (error?: Error) => void }> = [];
  const produce = (batch: TopicRecords[]) =>
    new Promise<void>((resolve, reject) => requests.push({ batch, answer: (error) => (error ? reject(error) : resolve()) }));
  return { requests, produce };
}

const record = (key: string, bytes = 10): OutgoingRecord => ({ key, value: Buffer.alloc(bytes), headers: {} });
const keysOf = (batch: TopicRecords[]) => batch.map(({ topic, messages }) => `${topic}:${messages.map((m) => m.key).join(',')}`);
const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('CoalescingSender', () => {
  it('sends a lone record at once, and merges the sends made while it is in flight into one request, in order', async () => {
    const { requests, produce } = controlledProducer();
    const sender = new CoalescingSender(produce);
    const first = sender.send('a', [record('k1')]);
    expect(requests).toHaveLength(1);

    const later = [sender.send('a', [record('k2')]), sender.send('b', [record('k3')]), sender.send('a', [record('k4'), record('k5')])];
    expect(requests).toHaveLength(1);
    requests[0].answer();
    await first;
    await settled();

    expect(requests).toHaveLength(2);
    expect(keysOf(requests[1].batch)).toEqual(['a:k2,k4,k5', 'b:k3']);
    requests[1].answer();
    await Promise.all(later);
  });

  it('fails every send its request carried, and only those', async () => {
    const { requests, produce } = controlledProducer();
    const sender = new CoalescingSender(produce);
    const first = sender.send('a', [record('k1')]);
    const carried = [sender.send('a', [record('k2')]), sender.send('a', [record('k3')])];
    requests[0].answer();
    await first;
    await settled();

    const next = sender.send('a', [record('k4')]);
    requests[1].answer(new Error('NOT_ENOUGH_REPLICAS'));
    for (const send of carried) await expect(send).rejects.toThrow('NOT_ENOUGH_REPLICAS');
    await settled();
    expect(keysOf(requests[2].batch)).toEqual(['a:k4']);
    requests[2].answer();
    await expect(next).resolves.toBeUndefined();
  });

  it('keeps a request under its record and byte limits, and lets one oversized send go alone', async () => {
    const { requests, produce } = controlledProducer();
    const sender = new CoalescingSender(produce, { maxRecords: 3, maxBytes: 100 });
    const sends = [
      sender.send('a', [record('k0')]),
      sender.send('a', [record('k1'), record('k2')]),
      sender.send('a', [record('k3')]),
      sender.send('a', [record('k4')]),
      sender.send('a', [record('big', 500)]),
      sender.send('a', [record('k5', 40)]),
      sender.send('a', [record('k6', 40)]),
    ];
    for (let i = 0; i < 5; i++) {
      requests[i].answer();
      await settled();
    }
    await Promise.all(sends);
    expect(requests.map((request) => keysOf(request.batch))).toEqual([['a:k0'], ['a:k1,k2,k3'], ['a:k4'], ['a:big'], ['a:k5,k6']]);
  });

  it('is drained once every send asked for so far is answered, those that arrived during the flush included', async () => {
    const { requests, produce } = controlledProducer();
    const sender = new CoalescingSender(produce);
    const answered: string[] = [];
    void sender.send('a', [record('k1')]).then(() => answered.push('k1'));
    void sender.send('a', [record('k2')]).then(() => answered.push('k2'));
    let drained = false;
    const draining = sender.drained().then(() => (drained = true));
    requests[0].answer();
    await settled();
    expect(drained).toBe(false);
    requests[1].answer();
    await draining;
    expect(answered).toEqual(['k1', 'k2']);
    await expect(sender.drained()).resolves.toBeUndefined();
  });
});
