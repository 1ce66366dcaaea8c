import { WorkLineRepository, WorkRow } from './work-line.repository';
import { WorkLineWorker } from './work-line.worker';

const silent = { warn: () => undefined, error: () => undefined };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A line with nothing in it, counting what its worker asks: the cost of an idle line, without a database. */
function emptyLine(idlePollMs = 10, claimsAnswered: Promise<void> = Promise.resolve()) {
  const asked = { claims: 0, probes: 0, clientReads: 0 };
  const repository = {
    claim: async () => {
      asked.claims += 1;
      await claimsAnswered;
      return undefined;
    },
    nextDueInMs: async () => (asked.probes += 1, undefined),
  } as unknown as WorkLineRepository<WorkRow>;
  const worker = new WorkLineWorker<WorkRow>({
    repository,
    handle: async () => ({ kind: 'done' }),
    schedule: () => undefined,
    eligibleClients: async () => (asked.clientReads += 1, ['acme']),
    lanes: 8,
    idlePollMs,
    logger: silent,
  });
  return { worker, asked };
}

describe('an idle work line', () => {
  it('costs one probe a tick for all its lanes, backing off, and reads the clients once a tick', async () => {
    const { worker, asked } = emptyLine();
    worker.start();
    await sleep(500);
    await worker.stop();
    // Each lane looks once at start; then probes at 10, 20, 40, 80, 160 ms (at most 160 ms apart) find nothing.
    expect(asked.claims).toBe(8);
    expect(asked.probes).toBeGreaterThanOrEqual(4);
    expect(asked.probes).toBeLessThanOrEqual(8);
    expect(asked.clientReads).toBeLessThanOrEqual(asked.probes + 1);
  });

  /** What a started, idle line asks for after `act`: its tick long enough that the clients read at start are still fresh. */
  async function askedAfter(act: (worker: WorkLineWorker<WorkRow>) => void) {
    const { worker, asked } = emptyLine(1_000);
    worker.start();
    await sleep(50);
    const before = { ...asked };
    act(worker);
    await sleep(5);
    await worker.stop();
    return { claims: asked.claims - before.claims, clientReads: asked.clientReads - before.clientReads };
  }

  it('wakes one lane at once when rung (an item appended), which looks with the clients it knows', async () => {
    // An append does not change who may be worked on: no read of the pauses per item.
    expect(await askedAfter((worker) => worker.ring())).toEqual({ claims: 1, clientReads: 0 });
  });

  it('reads the clients afresh when told they changed (a pause, a resume), and wakes a lane', async () => {
    expect(await askedAfter((worker) => worker.clientsChanged())).toEqual({ claims: 1, clientReads: 1 });
  });
});

describe('a line busy again after a quiet spell', () => {
  it('probes one tick after its last work, not at the end of its backed-off wait', async () => {
    const { worker, asked } = emptyLine();
    worker.start();
    await sleep(400); // backed off to 160 ms between probes
    const before = asked.probes;
    worker.ring();
    await sleep(40);
    expect(asked.probes).toBeGreaterThan(before);
    await worker.stop();
  });
});

describe('a line stopped (SIGTERM)', () => {
  it('stops while its lanes are still looking: a lane whose look finds nothing does not then sleep, unwoken, forever', async () => {
    let answerClaims: () => void = () => undefined;
    const { worker, asked } = emptyLine(10, new Promise<void>((resolve) => (answerClaims = resolve)));
    worker.start();
    // Until every lane is inside its claim, none asleep: the stop comes then, and the claims answer "nothing" after it.
    while (asked.claims < 8) await new Promise((resolve) => setImmediate(resolve));
    const stopping = worker.stop().then(() => 'stopped');
    answerClaims();
    let bound: NodeJS.Timeout | undefined;
    const stillWaiting = new Promise((resolve) => (bound = setTimeout(resolve, 5_000, 'a lane still waiting')));
    const stopped = await Promise.race([stopping, stillWaiting]);
    clearTimeout(bound);
    expect(stopped).toBe('stopped');
  });
});

describe('a lane that claims an item', () => {
  /** A line of one item, handed to the first claim after `put()`; counting every claim. */
  function lineOfOneItem() {
    let waiting = false;
    let handled = false;
    const asked = { claims: 0, probes: 0 };
    const item = { id: '1', client_id: 'acme', external_source_id: 'INC1', attempts: 0, lease: 'a lease' } as WorkRow;
    const repository = {
      claim: async () => {
        asked.claims += 1;
        if (!waiting) return undefined;
        waiting = false;
        return item;
      },
      nextDueInMs: async () => (asked.probes += 1, waiting ? 0 : undefined),
      renewLease: async () => true,
      inTransaction: (fn: (tx: object) => Promise<unknown>) => fn({}),
      settle: async () => undefined,
    } as unknown as WorkLineRepository<WorkRow>;
    const worker = new WorkLineWorker<WorkRow>({
      repository,
      handle: async () => {
        // Long enough for a lane the claim woke to have made its own claim.
        for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
        handled = true;
        return { kind: 'done' };
      },
      schedule: () => undefined,
      eligibleClients: () => ['acme'],
      lanes: 8,
      idlePollMs: 10,
      logger: silent,
    });
    return { worker, asked, put: () => (waiting = true), handled: () => handled };
  }

  /** Claims made from the item's arrival until its lane, done with it, has looked for the next one. */
  async function claimsFor(arrive: (line: ReturnType<typeof lineOfOneItem>) => void): Promise<number> {
    const line = lineOfOneItem();
    line.worker.start();
    // Every lane has looked and found nothing; the probe, which runs only once lanes are idle, has asked since.
    while (line.asked.claims < 8 || line.asked.probes < 1) await sleep(1);
    const before = line.asked.claims;
    arrive(line);
    while (!line.handled()) await sleep(1);
    // The positive signal that the lane is done: its claim after the item.
    while (line.asked.claims < before + 2) await new Promise((resolve) => setImmediate(resolve));
    const claims = line.asked.claims - before;
    await line.worker.stop();
    return claims;
  }

  it("woken by its item's ring, wakes no other lane: the next item's ring does that", async () => {
    expect(await claimsFor((line) => (line.put(), line.worker.ring()))).toBe(2);
  });

  it('woken to look (the probe found something due), wakes another, so a backlog spreads over the lanes', async () => {
    expect(await claimsFor((line) => line.put())).toBe(3);
  });
});
