import fc from 'fast-check';

/** One generated webhook request: what the body is (for the summary and a failure's report), its bytes and headers. */
export interface FuzzRequest {
  kind: 'mutated' | 'json' | 'text' | 'bytes' | 'truncated' | 'deep' | 'huge';
  body: Buffer;
  contentType: string | undefined;
  /** Whether the request carries the client's own credentials, none, or credentials made with a wrong secret. */
  auth: 'valid' | 'missing' | 'wrong';
}

/** Keys that poison a naive merge or property walk when they arrive as own properties of parsed JSON. */
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf', '__defineGetter__'];
/** Above the ingress's 256 KiB limit some of the time, below it the rest. */
const HUGE_LENGTHS = fc.integer({ min: 50_000, max: 400_000 });

const nonAscii = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
  fc.constantFrom('Büro München', '中文電話', '🔥📱', 'ثم‎', '\u202eevil', 'Z\u0351\u0352\u0353a\u0354lgo', '\ufeffbom'),
);
const controlCharacters = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code)), minLength: 1, maxLength: 20 }),
  // Lone surrogates, line and paragraph separators, NUL in the middle of text.
  fc.constantFrom('\ud800', 'a\udc00b', '\u2028\u2029', 'text\u0000after', '\r\n\r\n', '\\u0000'),
);
/** Nesting deep enough to overflow any recursive walk of the document, built anew each time (see `Make`). */
const nestedValue = fc.integer({ min: 50, max: 1_500 }).map((depth): Make => () => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { a: value };
  return value;
});

/**
 * A generated value, made fresh wherever it is used: fast-check shares generated objects between samples, and a
 * shared object set twice into one document could end up inside itself.
 */
type Make = () => unknown;
const fresh = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<Make> => arbitrary.map((value): Make => () => structuredClone(value));

/** A value that replaces a field: the wrong type, nothing, far too much, or text no ITSM would send. */
const replacement: fc.Arbitrary<Make> = fc.oneof(
  fresh(fc.constant(null)),
  fresh(fc.jsonValue({ maxDepth: 3 })),
  fresh(fc.constantFrom(0, -1, 1e308, -0, Number.MAX_SAFE_INTEGER + 2, 0.1, '', ' ', '0', 'true', 'null', '1e309', '2026-13-45T99:99:99Z', [], {}, true, false)),
  HUGE_LENGTHS.map((length): Make => () => 'x'.repeat(length)),
  fresh(nonAscii),
  fresh(controlCharacters),
  nestedValue,
);

type Change = { kind: 'remove' } | { kind: 'set'; make: Make } | { kind: 'addKey'; key: string; make: Make };
const change: fc.Arbitrary<Change> = fc.oneof(
  fc.constant<Change>({ kind: 'remove' }),
  replacement.map<Change>((make) => ({ kind: 'set', make })),
  fc
    .record({ key: fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.string({ maxLength: 10 })), make: fc.oneof(fresh(fc.constant({ polluted: true })), replacement) })
    .map<Change>(({ key, make }) => ({ kind: 'addKey', key, make })),
);

/** Every place in a document, as the keys that lead to it (the root is the empty path). */
function pathsOf(value: unknown, prefix: string[] = [], into: string[][] = []): string[][] {
  into.push(prefix);
  if (value !== null && typeof value === 'object' && into.length < 2_000) {
    for (const key of Object.keys(value)) pathsOf((value as Record<string, unknown>)[key], [...prefix, key], into);
  }
  return into;
}

/** Sets an own property, even one named `__proto__`, without touching any prototype. */
function defineOwn(target: object, key: string, value: unknown): void {
  try {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } catch {
    // A change JavaScript itself refuses (an array's `length` set to an object) is left out.
  }
}

const ARRAY_INDEX = /^(0|[1-9]\d*)$/;

/**
 * Removes an array's element without `splice`, which builds its result through `array.constructor`: an earlier
 * change may have given the array an own `constructor` key, and `splice` then throws. A key that is no index of
 * the array (`constructor`, `''`, `'-1'`, one past the end) is an ordinary property and is deleted as one.
 */
export function removeFromArray(array: unknown[], key: string): void {
  const index = ARRAY_INDEX.test(key) ? Number(key) : Number.NaN;
  if (!(index < array.length)) {
    delete (array as unknown as Record<string, unknown>)[key];
    return;
  }
  for (let i = index; i < array.length - 1; i += 1) array[i] = array[i + 1];
  array.length -= 1;
}

/** Applies one change at the `at`-th place of the document as it is now, so every change lands somewhere. */
function applyChange(document: unknown, at: number, what: Change): unknown {
  const paths = pathsOf(document);
  const path = paths[at % paths.length];
  if (path.length === 0) {
    if (what.kind === 'set') return what.make();
    if (what.kind === 'addKey' && document !== null && typeof document === 'object') defineOwn(document, what.key, what.make());
    return document;
  }
  const parent = path.slice(0, -1).reduce<any>((node, key) => node[key], document);
  const key = path[path.length - 1];
  if (what.kind === 'remove') {
    if (Array.isArray(parent)) removeFromArray(parent, key);
    else delete parent[key];
  } else if (what.kind === 'set') defineOwn(parent, key, what.make());
  else {
    const target = parent[key] !== null && typeof parent[key] === 'object' ? parent[key] : parent;
    defineOwn(target, what.key, what.make());
  }
  return document;
}

/** A valid payload of the adapter with one to four of its fields removed, retyped or poisoned. */
function mutatedSeed(seeds: readonly unknown[]): fc.Arbitrary<string> {
  return fc
    .record({ seed: fc.nat({ max: seeds.length - 1 }), changes: fc.array(fc.record({ at: fc.nat(), what: change }), { minLength: 1, maxLength: 4 }) })
    .map(({ seed, changes }) => JSON.stringify(changes.reduce((document, { at, what }) => applyChange(document, at, what), structuredClone(seeds[seed]))) ?? 'undefined');
}

/** Bodies that are no webhook of anyone: arbitrary JSON and bytes, broken and oversized documents. */
function genericBodies(seeds: readonly unknown[]): fc.Arbitrary<{ kind: FuzzRequest['kind']; text: string | Uint8Array }> {
  const seedTexts = seeds.length > 0 ? seeds.map((seed) => JSON.stringify(seed)) : ['{"event":"record.inserted","record":{"number":"X1"}}'];
  return fc.oneof(
    fc.jsonValue().map((value) => ({ kind: 'json' as const, text: JSON.stringify(value) ?? 'null' })),
    fc.string({ unit: 'binary', maxLength: 500 }).map((text) => ({ kind: 'text' as const, text })),
    fc.uint8Array({ maxLength: 2_000 }).map((bytes) => ({ kind: 'bytes' as const, text: bytes })),
    fc.record({ seed: fc.constantFrom(...seedTexts), cut: fc.nat() }).map(({ seed, cut }) => ({ kind: 'truncated' as const, text: seed.slice(0, cut % seed.length) })),
    fc.record({ depth: fc.integer({ min: 100, max: 100_000 }), arrays: fc.boolean() }).map(({ depth, arrays }) => ({
      kind: 'deep' as const,
      text: arrays ? '['.repeat(depth) + ']'.repeat(depth) : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
    })),
    HUGE_LENGTHS.map((length) => ({ kind: 'huge' as const, text: JSON.stringify({ event: 'x', padding: 'é'.repeat(length) }) })),
  );
}

const contentType = fc.oneof(
  { weight: 40, arbitrary: fc.constant('application/json') },
  { weight: 2, arbitrary: fc.constantFrom('application/json; charset=utf-8', 'APPLICATION/JSON', 'application/vnd.api+json') },
  { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp', undefined) },
);
const auth = fc.oneof(
  { weight: 16, arbitrary: fc.constant('valid' as const) },
  { weight: 1, arbitrary: fc.constant('missing' as const) },
  { weight: 2, arbitrary: fc.constant('wrong' as const) },
);

/**
 * The requests of the fuzz for one adapter: mostly its own valid payloads mutated, correctly authenticated so they
 * reach its normalizer, and the rest bodies that are not webhooks at all. With no valid payload to start from
 * (an adapter without fixtures), only the generic bodies.
 */
export function fuzzRequests(seeds: readonly unknown[]): fc.Arbitrary<FuzzRequest> {
  const generic = genericBodies(seeds);
  const body = seeds.length > 0 ? fc.oneof({ weight: 3, arbitrary: mutatedSeed(seeds).map((text) => ({ kind: 'mutated' as const, text })) }, { weight: 1, arbitrary: generic }) : generic;
  return fc.record({ body, contentType, auth }).map(({ body: { kind, text }, contentType: type, auth: credentials }) => ({ kind, body: Buffer.from(text), contentType: type, auth: credentials }));
}
