import type { ClientConfig } from '@bridge/clients-config';
import { parseItsmTime } from '../itsm-time';
import type { RenderedUpdate } from './outbound-adapter';
import { ITSM_CLOCK_TOLERANCE_MS, JournalEntry, bridgeWrote, readsAs, writtenByBridge } from './written-by-bridge';

/** A delivery to the same record that was delivered before this one: what it asked, and when it was under way. */
export interface DeliveredBefore {
  update: RenderedUpdate;
  /** When its first attempt began. */
  began: Date;
  delivered: Date;
}

/**
 * What a send after an earlier attempt of the same delivery knows (ADR 15): when that first attempt began, and the
 * record's deliveries delivered before this one, oldest first. A ticket's deliveries go one at a time, in order, so
 * those are all the bridge wrote to the record before; time alone cannot tell their entries from this one's (a
 * close sent milliseconds after the note whose text it carries, an ITSM stamping whole seconds).
 */
export interface EarlierAttempt {
  since: Date;
  deliveredBefore: DeliveredBefore[];
}

/** A trace a write leaves at the ITSM, stamped by the ITSM's clock: a journal entry, a status change in a changelog. */
export interface Trace {
  createdAt: unknown;
}

/**
 * Whether `traces` (the bridge's entries with one text, or its status changes) hold this delivery's own, given the
 * earlier deliveries that each left one such trace. They are counted from when this delivery's first attempt began,
 * less the ITSM's clock tolerance; an earlier delivery under way around that start (back-to-back deliveries) moves
 * it back to before that delivery began, until no earlier one straddles it. Then every earlier trace counted is in
 * the window and every other is before it, and the window holds one more trace than the earlier deliveries counted
 * exactly when this delivery's arrived. A trace whose time cannot be read is counted in: a duplicate is the harm
 * the check exists to prevent.
 */
export function traceLanded(traces: readonly Trace[], earlier: readonly DeliveredBefore[], since: Date): boolean {
  const spans = earlier.map((delivery) => ({ from: delivery.began.getTime() - ITSM_CLOCK_TOLERANCE_MS, to: delivery.delivered.getTime() + ITSM_CLOCK_TOLERANCE_MS }));
  let start = since.getTime() - ITSM_CLOCK_TOLERANCE_MS;
  for (;;) {
    const straddling = spans.find((span) => span.from < start && span.to >= start);
    if (!straddling) break;
    start = straddling.from;
  }
  const expected = spans.filter((span) => span.from >= start).length;
  const found = traces.filter((trace) => (parseItsmTime(String(trace.createdAt ?? ''))?.getTime() ?? start) >= start).length;
  return found > expected;
}

/**
 * How an adapter's updates write their journal entry: where the text is in a rendered body, and whether a send
 * leaves out a text the bridge already wrote to the record (Jira, Zendesk, Freshservice, BMC Helix: a close, cancel
 * or reassign carries the request's last interaction, already sent as a note). Only those are left out: Tangoe's
 * user may write "ok" twice, and each is a comment of its own.
 */
export interface JournalRules {
  textOf(update: RenderedUpdate): string | undefined;
  leavesOutRepeats: boolean;
}

/**
 * The kinds whose entry is the request's last interaction (their templates' `interactions.last.text`), which the
 * bridge has normally written already as a note. Every other kind's entry is its own, even in words written before
 * (a second "Tangoe: Awaiting Customer Response." is a second wait, and says so).
 */
const CARRIES_LAST_INTERACTION: ReadonlySet<string> = new Set(['close', 'cancel', 'reassign']);

/** Whether a send of this update leaves out its entry when the bridge wrote the same text before. */
function leavesOut(rules: JournalRules, update: RenderedUpdate): boolean {
  return rules.leavesOutRepeats && CARRIES_LAST_INTERACTION.has(update.kind);
}

/** Whether a send leaves the update's entry out, the record holding it already. */
export function entryLeftOut(rules: JournalRules, entries: readonly JournalEntry[], update: RenderedUpdate, client: ClientConfig, earlier?: EarlierAttempt): boolean {
  const text = rules.textOf(update);
  if (text === undefined) return true;
  if (leavesOut(rules, update)) return bridgeWrote(entries, text, client);
  // Any other entry is written on its first attempt whatever the record holds; on a later one, unless its own is there.
  return earlier !== undefined && entryProof(rules, entries, update, client, earlier) === true;
}

/**
 * Whether the record's journal proves that an earlier attempt of the update arrived: its entry counted against the
 * earlier deliveries that wrote the same text (`traceLanded`). Undefined when this delivery wrote no entry of its
 * own, its text being one the bridge had written already (an earlier delivery's, or an entry before the first
 * attempt began): the record's fields must decide.
 */
export function entryProof(rules: JournalRules, entries: readonly JournalEntry[], update: RenderedUpdate, client: ClientConfig, earlier: EarlierAttempt): boolean | undefined {
  const text = rules.textOf(update);
  if (text === undefined) return undefined;
  const ours = entries.filter((entry) => writtenByBridge(entry.author, client) && readsAs(entry, text));
  if (leavesOut(rules, update)) {
    const before = earlier.since.getTime() - ITSM_CLOCK_TOLERANCE_MS;
    const repeated = earlier.deliveredBefore.some((delivery) => rules.textOf(delivery.update) === text) || ours.some((entry) => (parseItsmTime(String(entry.createdAt ?? ''))?.getTime() ?? Infinity) < before);
    if (repeated) return undefined;
  }
  return traceLanded(ours, writersOf(rules, earlier.deliveredBefore, text), earlier.since);
}

/**
 * The earlier deliveries that wrote an entry with `text`: every one whose entry is its own; a close, cancel or
 * reassign unless the adapter leaves out a repeat and an earlier delivery carried the text already (the first to
 * carry it wrote it).
 */
function writersOf(rules: JournalRules, delivered: readonly DeliveredBefore[], text: string): DeliveredBefore[] {
  const carrying = delivered.filter((delivery) => rules.textOf(delivery.update) === text);
  return carrying.filter((delivery, index) => !leavesOut(rules, delivery.update) || index === 0);
}
