import { EventEnvelope } from '@bridge/contracts';
import { exponentialBackoff } from '../retry-policy';
import { HandlerError } from '../testing/handler-error';
import { sampleComment, sampleNumber } from '../testing/sample-events';
import { InProcessMessageBus } from './in-process-message-bus';

const fastRetry = exponentialBackoff({ maxRetries: 2, initialDelayMs: 5, maxDelayMs: 20, jitter: 0 });

describe('InProcessMessageBus', () => {
  let bus: InProcessMessageBus;
  beforeEach(() => (bus = new InProcessMessageBus({ partitions: 3 })));
  afterEach(() => bus.close());

  it('delivers every event once, in order per key', async () => {
    const seen = new Map<string, number[]>();
    await bus.subscribe({
      topic: 't',
      group: 'g',
      handler: async ({ event }) => {
        seen.set(event.subject, [...(seen.get(event.subject) ?? []), sampleNumber(event)]);
      },
    });
    const events = [];
    for (let n = 0; n < 50; n++) events.push(sampleComment(`T${n % 7}`, n));
    await bus.publish('t', events);
    await bus.idle();
    expect([...seen.values()].flat()).toHaveLength(50);
    for (const [, numbers] of seen) expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });

  it('retries a failing event, holds its key behind it, and lets other keys flow', async () => {
    const order: string[] = [];
    let failuresLeft = 2;
    await bus.subscribe({
      topic: 't',
      group: 'g',
      retry: fastRetry,
      handler: async ({ event, attempt }) => {
        if (event.subject === 'acme:A' && sampleNumber(event) === 1 && failuresLeft-- > 0) throw new Error(`boom ${attempt}`);
        order.push(`${event.subject}#${sampleNumber(event)}`);
      },
    });
    await bus.publish('t', [sampleComment('A', 1), sampleComment('A', 2), sampleComment('B', 3)]);
    await bus.idle();
    expect(order.filter((entry) => entry.startsWith('acme:A'))).toEqual(['acme:A#1', 'acme:A#2']);
    expect(order.indexOf('acme:B#3')).toBeLessThan(order.indexOf('acme:A#1'));
    expect(bus.deadLetters()).toHaveLength(0);
  });

  it('parks an event that keeps failing, with its error and attempts, and goes on', async () => {
    const handled: number[] = [];
    await bus.subscribe({
      topic: 't',
      group: 'g',
      retry: fastRetry,
      handler: async ({ event }) => {
        if (sampleNumber(event) === 1) throw new HandlerError('tangoe_down', 'Tangoe said no', { retriable: true });
        handled.push(sampleNumber(event));
      },
    });
    await bus.publish('t', [sampleComment('A', 1), sampleComment('A', 2)]);
    await bus.idle();
    expect(handled).toEqual([2]);
    const [letter] = bus.deadLetters();
    expect(letter.error).toEqual({ code: 'tangoe_down', message: 'Tangoe said no' });
    expect(letter.attempts).toBe(3);
    expect(letter.event?.subject).toBe('acme:A');
  });

  it('parks at once what is not retriable', async () => {
    await bus.subscribe({
      topic: 't',
      group: 'g',
      retry: fastRetry,
      handler: async () => {
        throw new HandlerError('rejected', '422', { retriable: false });
      },
    });
    await bus.publish('t', [sampleComment('A', 1)]);
    await bus.idle();
    expect(bus.deadLetters().map((letter) => letter.attempts)).toEqual([1]);
  });

  it('lists a dead letter with its id, replays it once to its group as a new record, and lists it no more', async () => {
    let refusing = true;
    const handled: Array<{ n: number; attempt: number }> = [];
    await bus.subscribe({
      topic: 't',
      group: 'g',
      retry: fastRetry,
      handler: async ({ event, attempt }) => {
        if (refusing) throw new HandlerError('rejected', 'not now', { retriable: false });
        handled.push({ n: sampleNumber(event), attempt });
      },
    });
    await bus.publish('t', [sampleComment('A', 1)], { headers: { traceparent: '00-abc-def-01' } });
    await bus.idle();
    const [letter] = await bus.listDeadLetters();
    expect(letter).toMatchObject({ id: expect.stringMatching(/^t\.dlt\.g:\d+:0$/), group: 'g', attempts: 1, error: { code: 'rejected' } });

    refusing = false;
    expect(await bus.replayDeadLetter(letter.id)).toBe(true);
    await bus.idle();
    expect(handled).toEqual([{ n: 1, attempt: 0 }]);
    expect(await bus.listDeadLetters()).toEqual([]);
    expect(await bus.replayDeadLetter(letter.id)).toBe(false);
    await bus.idle();
    expect(handled).toHaveLength(1);
    expect(await bus.replayDeadLetter('t.dlt.g:0:99')).toBe(false);
  });

  it('refuses to publish an invalid event, and publishes nothing of its batch', async () => {
    const handled: EventEnvelope[] = [];
    await bus.subscribe({ topic: 't', group: 'g', handler: async ({ event }) => void handled.push(event) });
    const bad = { ...sampleComment('A', 2), subject: 'acme:B' } as EventEnvelope;
    await expect(bus.publish('t', [sampleComment('A', 1), bad])).rejects.toThrow(/subject must be the key its data names/);
    await bus.idle();
    expect(handled).toHaveLength(0);
  });

  it('keeps events published before anyone subscribed for the first group', async () => {
    await bus.publish('t', [sampleComment('A', 1)]);
    const handled: number[] = [];
    await bus.subscribe({ topic: 't', group: 'g', handler: async ({ event }) => void handled.push(sampleNumber(event)) });
    await bus.idle();
    expect(handled).toEqual([1]);
  });
});
