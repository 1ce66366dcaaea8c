import { plainToInstance } from 'class-transformer';
import { ClientConfig } from '@bridge/clients-config';
import { DeliveredBefore, JournalRules, entryLeftOut, entryProof, traceLanded } from './earlier-attempt';
import type { RenderedUpdate } from './outbound-adapter';

const BRIDGE = 'tangoe.bridge';
const client = plainToInstance(ClientConfig, {
  id: 'acme',
  itsm: 'zendesk',
  tangoe: { baseUrl: 'http://127.0.0.1:3100', apiUser: 'acme', auth: { type: 'api-token', token: { env: 'T' } } },
  outbound: { baseUrl: 'https://acme.example', auth: { type: 'basic', username: BRIDGE, password: { env: 'P' } }, integrationUser: BRIDGE },
});
const at = (ms: number) => new Date(Date.parse('2026-12-06T10:00:00Z') + ms);
/** ServiceNow's stamp: whole seconds, rounded down. */
const stamp = (ms: number) => at(ms).toISOString().slice(0, 19).replace('T', ' ');
const update = (kind: RenderedUpdate['kind'], text: string): RenderedUpdate => ({ kind, recordNumber: 'INC1', body: { comment: text } });
const delivered = (kind: RenderedUpdate['kind'], text: string, began: number, done: number): DeliveredBefore => ({ update: update(kind, text), began: at(began), delivered: at(done) });
const entry = (text: string, ms: number, author = BRIDGE) => ({ author, text, createdAt: stamp(ms) });
const repeatsLeftOut: JournalRules = { textOf: (u) => (u.body.comment as string) || undefined, leavesOutRepeats: true };
const everyEntry: JournalRules = { ...repeatsLeftOut, leavesOutRepeats: false };

describe('traceLanded: time alone cannot tell back-to-back deliveries apart; the earlier ones can', () => {
  it("does not take the note sent milliseconds before for the close's own, in the same second", () => {
    const note = delivered('note', 'X', 0, 40);
    expect(traceLanded([entry('X', 30)], [note], at(45))).toBe(false);
    expect(traceLanded([entry('X', 30), entry('X', 60)], [note], at(45))).toBe(true);
  });

  it('moves the window back past every earlier delivery that straddles its start, and no further', () => {
    // A note retried for an hour, delivered just before this delivery began; another, two hours before.
    const retried = delivered('note', 'X', -3_600_000, -10);
    const older = delivered('note', 'X', -7_200_000, -7_199_000);
    expect(traceLanded([entry('X', -7_199_500), entry('X', -20)], [older, retried], at(0))).toBe(false);
    expect(traceLanded([entry('X', -7_199_500), entry('X', -20), entry('X', 900)], [older, retried], at(0))).toBe(true);
  });

  it('counts an entry whose time cannot be read: a duplicate is the harm the check prevents', () => {
    expect(traceLanded([{ createdAt: 'yesterday-ish' }], [], at(0))).toBe(true);
  });
});

describe('entryProof and entryLeftOut', () => {
  const note = delivered('note', 'X', 0, 40);

  it('decides a close that repeats a text the bridge wrote by the fields, on an adapter that leaves repeats out', () => {
    expect(entryProof(repeatsLeftOut, [entry('X', 30)], update('close', 'X'), client, { since: at(45), deliveredBefore: [note] })).toBeUndefined();
    // An entry older than the first attempt, with no delivery behind it, was left out as well.
    expect(entryProof(repeatsLeftOut, [entry('X', -60_000)], update('close', 'X'), client, { since: at(45), deliveredBefore: [] })).toBeUndefined();
    // A text of its own decides by its entry.
    expect(entryProof(repeatsLeftOut, [entry('X', 30), entry('Y', 60)], update('close', 'Y'), client, { since: at(45), deliveredBefore: [note] })).toBe(true);
    expect(entryProof(repeatsLeftOut, [entry('X', 30), entry('Y', 60, 'ann')], update('close', 'Y'), client, { since: at(45), deliveredBefore: [note] })).toBe(false);
  });

  it('counts a close on an adapter that always writes its entry (ServiceNow)', () => {
    expect(entryProof(everyEntry, [entry('X', 30)], update('close', 'X'), client, { since: at(45), deliveredBefore: [note] })).toBe(false);
    expect(entryProof(everyEntry, [entry('X', 30), entry('X', 1_000)], update('close', 'X'), client, { since: at(45), deliveredBefore: [note] })).toBe(true);
  });

  it('writes a second wait in the same fixed words: only a close, cancel or reassign carries a text written before', () => {
    const waiting = 'Tangoe: Awaiting Customer Response.';
    const first = delivered('awaiting_customer_response', waiting, 0, 40);
    expect(entryLeftOut(repeatsLeftOut, [entry(waiting, 30)], update('awaiting_customer_response', waiting), client)).toBe(false);
    expect(entryLeftOut(repeatsLeftOut, [entry(waiting, 30)], update('close', waiting), client)).toBe(true);
    // Its retry is decided by counting, as a note's is.
    const again = update('awaiting_customer_response', waiting);
    expect(entryProof(repeatsLeftOut, [entry(waiting, 30)], again, client, { since: at(45), deliveredBefore: [first] })).toBe(false);
    expect(entryProof(repeatsLeftOut, [entry(waiting, 30), entry(waiting, 900)], again, client, { since: at(45), deliveredBefore: [first] })).toBe(true);
  });

  it('counts a note: the second "ok" is written, and a retry of it is decided by how many there are', () => {
    const again = update('note', 'X');
    expect(entryLeftOut(repeatsLeftOut, [entry('X', 30)], again, client)).toBe(false);
    expect(entryLeftOut(repeatsLeftOut, [entry('X', 30)], again, client, { since: at(45), deliveredBefore: [note] })).toBe(false);
    expect(entryLeftOut(repeatsLeftOut, [entry('X', 30), entry('X', 50)], again, client, { since: at(45), deliveredBefore: [note] })).toBe(true);
    expect(entryProof(repeatsLeftOut, [entry('X', 30), entry('X', 50)], again, client, { since: at(45), deliveredBefore: [note] })).toBe(true);
  });

  it('takes a close that found its text written and wrote none for no writer of it', () => {
    // note X, then a close carrying X (left out), then a note X again: one entry each of the notes, none of the close.
    const close = delivered('close', 'X', 50, 60);
    const again = update('note', 'X');
    expect(entryProof(repeatsLeftOut, [entry('X', 30), entry('X', 80)], again, client, { since: at(70), deliveredBefore: [note, close] })).toBe(true);
    expect(entryProof(repeatsLeftOut, [entry('X', 30)], again, client, { since: at(70), deliveredBefore: [note, close] })).toBe(false);
  });

  it('leaves out of a close a text the bridge wrote at any time, and never the caller\'s', () => {
    expect(entryLeftOut(repeatsLeftOut, [entry('X', -86_400_000)], update('close', 'X'), client)).toBe(true);
    expect(entryLeftOut(repeatsLeftOut, [entry('X', 0, 'ann')], update('close', 'X'), client)).toBe(false);
  });
});
