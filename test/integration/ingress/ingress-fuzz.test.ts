import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { topicNames } from '@bridge/contracts';
import { loadClientsFile, resolveInboundCredentials } from '@bridge/clients-config';
import { ITSM_NAMES } from '@bridge/itsm-adapters';
import { InboundCredentials, credentialHeaders } from '@bridge/webhook-security';
import { waitFor } from '@bridge/test-infra';
import { Bridge, BridgeOptions, startBridge } from '../../support/bridge-harness';
import { incidentInserted, incidentStateChanged, journalAdded } from '../../support/servicenow-payloads';
import { FuzzRequest, fuzzRequests, removeFromArray } from './fuzz-bodies';
import { TopicRecorder } from './topic-recorder';

/**
 * The ingress under generated webhooks, for every adapter of the registry: no 5xx, only JSON answers, nothing
 * published from a refused body, and afterwards still serving. FUZZ_BODIES_PER_ADAPTER sets the count (the proof
 * runs 10,000); FUZZ_SEED replays a run, whose seed every summary line prints.
 */
const BODIES_PER_ADAPTER = Number(process.env.FUZZ_BODIES_PER_ADAPTER ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** Enough to keep both cores busy without queueing the ingress's advisory locks behind one another for long. */
const IN_FLIGHT = 8;
/** Requests generated at a time: a few huge bodies each, never 10,000 held in memory at once. */
const BATCH = 200;

const FIXTURES = path.join(__dirname, '../../../libs/itsm-adapters/src');
/** Valid payloads some adapters build beside their fixture files. */
const EXTRA_SEEDS: Record<string, () => unknown[]> = {
  servicenow: () => [incidentInserted('INC0070001'), journalAdded('INC0070001', 1, 'Any news?'), incidentStateChanged('INC0070001', '6', '2', 3)],
};

/** The adapter's own valid payloads: its fixtures (`libs/itsm-adapters/src/<itsm>/fixtures/*.json`) and builders. */
function validPayloadsOf(itsm: string): unknown[] {
  const dir = path.join(FIXTURES, itsm, 'fixtures');
  const files = existsSync(dir) ? readdirSync(dir).filter((file) => file.endsWith('.json')).sort() : [];
  return [...files.map((file) => JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as unknown), ...(EXTRA_SEEDS[itsm]?.() ?? [])];
}

/** Client ids the harness can turn into environment variable names. */
const idOf = (prefix: string, itsm: string) => `${prefix}${itsm.replace(/[^a-z0-9]/gi, '')}`;
/** The client every generated body goes to. */
const fuzzedClient = (itsm: string) => idOf('fz', itsm);
/** A client of the same ITSM that gets nothing until the end: its valid webhook's events are certainly new. */
const witnessClient = (itsm: string) => idOf('ok', itsm);

interface Answer {
  status: number;
  json: any;
  problem?: string;
}

/** Each answer must be a 2xx or a 4xx with a JSON body; a 4xx names its error. */
function problemOf(request: FuzzRequest, status: number, contentType: string, text: string): { json: any; problem?: string } {
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    return { json: undefined, problem: `HTTP ${status} with a body that is not JSON (${contentType}): ${text.slice(0, 200)}` };
  }
  if (status >= 500) return { json, problem: `HTTP ${status}: ${text.slice(0, 300)}` };
  if (status < 200 || (status >= 300 && status < 400)) return { json, problem: `HTTP ${status} is neither 2xx nor 4xx` };
  if (!/^application\/json/i.test(contentType)) return { json, problem: `HTTP ${status} answered as ${contentType}` };
  if (status >= 400 && typeof json?.error !== 'string') return { json, problem: `HTTP ${status} names no error: ${text.slice(0, 200)}` };
  if (status < 300 && request.auth !== 'valid') return { json, problem: `HTTP ${status} for a request with ${request.auth} credentials` };
  if (status >= 400 && Array.isArray(json?.events) && json.events.length > 0) return { json, problem: `HTTP ${status} but events listed` };
  return { json };
}

/** Credentials that look right but were made with another secret. */
function forged(credentials: InboundCredentials): InboundCredentials {
  switch (credentials.type) {
    case 'hmac':
      return { ...credentials, secret: `${credentials.secret}-forged` };
    case 'basic':
      return { ...credentials, password: `${credentials.password}-forged` };
    case 'bearer':
      return { ...credentials, token: `${credentials.token}-forged` };
  }
}

function describeRequest(index: number, request: FuzzRequest): string {
  const preview = JSON.stringify(request.body.subarray(0, 160).toString('utf8'));
  return `#${index} ${request.kind}, ${request.body.length} bytes, auth ${request.auth}, content-type ${request.contentType ?? '(none)'}: ${preview}`;
}

/** A batch of generated requests; a generator that throws is the test's own defect, named with the seed to replay it. */
function generate(arbitrary: fc.Arbitrary<FuzzRequest>, count: number, seed: number): FuzzRequest[] {
  try {
    return fc.sample(arbitrary, { numRuns: count, seed });
  } catch (error) {
    throw new Error(`generating fuzz bodies failed (FUZZ_SEED=${SEED}, batch seed ${seed}): ${(error as Error).message}`, { cause: error });
  }
}

async function forEachInFlight<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index], index);
      }
    }),
  );
}

describe(`ingress fuzz: ${BODIES_PER_ADAPTER} generated bodies for each adapter of the registry`, () => {
  let bridge: Bridge;
  let recorder: TopicRecorder;
  const credentials = new Map<string, InboundCredentials>();
  /** Every event id a 2xx answer said it published: the only events allowed on the topic. */
  const publishedByAnswers = new Set<string>();

  const post = async (clientId: string, itsm: string, request: FuzzRequest): Promise<Answer> => {
    const own = credentials.get(clientId)!;
    const headers: Record<string, string> = {
      ...(request.contentType !== undefined ? { 'content-type': request.contentType } : {}),
      ...(request.auth === 'valid' ? credentialHeaders(own, request.body) : request.auth === 'wrong' ? credentialHeaders(forged(own), request.body) : {}),
    };
    const response = await fetch(`${bridge.ingressUrl}/v1/clients/${clientId}/webhooks/${itsm}`, { method: 'POST', headers, body: request.body });
    const text = await response.text();
    const { json, problem } = problemOf(request, response.status, response.headers.get('content-type') ?? '', text);
    if (response.status >= 200 && response.status < 300) for (const event of json?.events ?? []) publishedByAnswers.add(event.id);
    return { status: response.status, json, problem };
  };
  const validRequest = (payload: unknown): FuzzRequest => ({ kind: 'mutated', body: Buffer.from(JSON.stringify(payload)), contentType: 'application/json', auth: 'valid' });

  beforeAll(async () => {
    const itsmOf = Object.fromEntries(ITSM_NAMES.flatMap((itsm) => [[fuzzedClient(itsm), itsm], [witnessClient(itsm), itsm]]));
    try {
      bridge = await startBridge({ clients: Object.keys(itsmOf), itsm: itsmOf as BridgeOptions['itsm'], gateway: false });
    } catch (error) {
      throw new Error(`test/support/bridge-harness.ts could not set up a client for each adapter of ITSM_NAMES (${ITSM_NAMES.join(', ')}); give startBridge's \`itsm\` option every adapter: ${(error as Error).message}`);
    }
    const configured = loadClientsFile(bridge.clientsFile, { knownItsms: ITSM_NAMES, env: process.env }).clients;
    for (const [clientId, itsm] of Object.entries(itsmOf)) {
      const client = configured.find((candidate) => candidate.id === clientId);
      if (client?.itsm !== itsm) throw new Error(`test/support/bridge-harness.ts set up client ${clientId} as ${client?.itsm ?? 'nothing'}, not ${itsm}: it has no client setup for the ${itsm} adapter`);
      credentials.set(clientId, resolveInboundCredentials(client));
    }
    // The first accepted webhook creates the topic; the recorder reads it from the beginning once it exists.
    for (const itsm of ITSM_NAMES) {
      const answers = [];
      for (const payload of validPayloadsOf(itsm)) answers.push(await post(fuzzedClient(itsm), itsm, validRequest(payload)));
      if (!answers.some((answer) => answer.status === 202 && answer.json?.events?.length > 0)) {
        throw new Error(`none of the ${itsm} fixtures was published through the harness's client (${answers.map((a) => a.status).join(', ') || 'no fixtures'}): the fuzz would never reach the normalizer`);
      }
    }
    recorder = new TopicRecorder(topicNames(process.env.TOPIC_NAMESPACE).clientEvents);
    await recorder.start();
  }, 120_000);
  afterAll(async () => {
    await recorder?.stop().catch(() => undefined);
    await bridge?.close();
  });

  it.each(ITSM_NAMES.map((itsm, index): [string, number] => [itsm, index]))(
    '%s: every answer is a 2xx or a JSON 4xx, none a 5xx',
    async (itsm, index) => {
      const arbitrary = fuzzRequests(validPayloadsOf(itsm));
      const byStatus = new Map<number, number>();
      const problems: string[] = [];
      const started = Date.now();
      for (let offset = 0; offset < BODIES_PER_ADAPTER; offset += BATCH) {
        const requests = generate(arbitrary, Math.min(BATCH, BODIES_PER_ADAPTER - offset), SEED + index * 1_000_003 + offset);
        await forEachInFlight(requests, IN_FLIGHT, async (request, i) => {
          let answer: Answer;
          try {
            answer = await post(fuzzedClient(itsm), itsm, request);
          } catch (error) {
            problems.push(`${describeRequest(offset + i, request)} → no answer: ${(error as Error).message}`);
            return;
          }
          byStatus.set(answer.status, (byStatus.get(answer.status) ?? 0) + 1);
          if (answer.problem) problems.push(`${describeRequest(offset + i, request)} → ${answer.problem}`);
        });
      }
      const count = (from: number, to: number) => [...byStatus].filter(([status]) => status >= from && status < to).reduce((sum, [, n]) => sum + n, 0);
      const fourxx = [...byStatus].filter(([status]) => status >= 400 && status < 500).sort(([a], [b]) => a - b).map(([status, n]) => `${status}: ${n}`).join(', ');
      process.stderr.write(`fuzz ${itsm}: ${BODIES_PER_ADAPTER} bodies in ${((Date.now() - started) / 1000).toFixed(1)} s, 2xx ${count(200, 300)}, 4xx ${count(400, 500)} (${fourxx}), 5xx ${count(500, 600)}, seed ${SEED}\n`);
      expect({ problems: problems.length, first: problems.slice(0, 10) }).toEqual({ problems: 0, first: [] });
      // Refusing junk is not enough: some generated bodies must have got through to the normalizer and past it.
      expect(count(200, 300)).toBeGreaterThan(0);
    },
    300_000 + BODIES_PER_ADAPTER * 60,
  );

  it('published only what 2xx answers named, and afterwards still serves and publishes a valid webhook of each adapter', async () => {
    await waitFor(async () => [...publishedByAnswers].every((id) => recorder.events.some((event) => event.id === id)) && (await recorder.caughtUp()), {
      description: 'the recorder has read every published event and the topic to its end',
      timeoutMs: 120_000,
    });
    expect(recorder.events.filter((event) => !publishedByAnswers.has(event.id)).map((event) => `${event.type} ${event.subject}`)).toEqual([]);
    // The ingress runs in this process: a body that polluted Object.prototype would show here.
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    for (const url of ['/health/live', '/health/ready']) expect({ url, status: (await fetch(`${bridge.ingressUrl}${url}`)).status }).toEqual({ url, status: 200 });
    for (const itsm of ITSM_NAMES) {
      const published: string[] = [];
      for (const payload of validPayloadsOf(itsm)) {
        const answer = await post(witnessClient(itsm), itsm, validRequest(payload));
        expect({ itsm, status: answer.status, problem: answer.problem }).toEqual({ itsm, status: 202, problem: undefined });
        published.push(...(answer.json.events ?? []).map((event: { id: string }) => event.id));
      }
      expect({ itsm, published: published.length > 0 }).toEqual({ itsm, published: true });
      await waitFor(() => published.every((id) => recorder.events.some((event) => event.id === id)), { description: `the ${itsm} witness's events on Kafka` });
    }
  }, 180_000);
});

describe('the fuzz generator removing from an array', () => {
  it('shifts the elements after a real index and treats any other key as an ordinary property', () => {
    const array: unknown[] = ['a', 'b', 'c'];
    removeFromArray(array, '1');
    expect(array).toEqual(['a', 'c']);

    const keyed = Object.defineProperty(['a'], 'constructor', { value: 1, enumerable: true, configurable: true, writable: true }) as unknown[];
    removeFromArray(keyed, 'constructor');
    expect(Object.keys(keyed)).toEqual(['0']);

    const empty: unknown[] = [];
    for (const key of ['', '-1', '01', '0', '5']) expect(() => removeFromArray(empty, key)).not.toThrow();
    expect(empty).toHaveLength(0);
  });
});
