/**
 * "Parked" is one thing for an operator (docs/architecture.md, Words): an item stopped because of itself, waiting
 * with its error and attempts for a replay. It sits on one of three lines; each service answers for its own.
 */
export const PARKED_LINES = ['ticket_work', 'deliveries', 'dead_letters'] as const;

/** The gateway's ticket events (`ticket_work`), the notifier's deliveries (`deliveries`), a consumer group's dead letters. */
export type ParkedLineName = (typeof PARKED_LINES)[number];

/** One parked item, the same shape on every line and every service (`GET /admin/parked`). */
export interface ParkedItem {
  /** `<line>:<the line's own id>`: unique across lines, and what `POST /admin/parked/:id/replay` takes. */
  id: string;
  line: ParkedLineName;
  /** The ticket's (or activity's) key, the bus record's key for a dead letter; null when a record had none. */
  key: string | null;
  clientId: string | null;
  externalSourceId: string | null;
  /** What waits: the event's type, or the delivery's kind; null for a dead letter that cannot be read. */
  what: string | null;
  error: string;
  attempts: number;
  /** When it was parked. A work line's item gives when its last attempt fell due: the line keeps no parking time. */
  parkedAt: string | null;
}

/** How a replayed item stands right after its replay. */
export interface ParkedReplay {
  id: string;
  line: ParkedLineName;
  /** The line's own word: a ticket's status (linked, or parked again), a delivery's (pending), a dead letter's (republished). */
  status: string;
  error?: string | null;
}

/** A line of parked items a service holds: what it lists, and the replay of one by the line's own id. */
export interface ParkedLine {
  readonly line: ParkedLineName;
  list(): Promise<ParkedItem[]>;
  /** Throws a `ParkedError('not_parked')` when no such item of this line waits, a line's own error when it cannot go now. */
  replay(ownId: string): Promise<ParkedReplay>;
}

export function parkedId(line: ParkedLineName, ownId: string): string {
  return `${line}:${ownId}`;
}

/** The line and the line's own id of a parked item's id; undefined when it names no line. */
export function parseParkedId(id: string): { line: ParkedLineName; ownId: string } | undefined {
  const separator = id.indexOf(':');
  const line = PARKED_LINES.find((candidate) => candidate === id.slice(0, separator));
  return line && separator < id.length - 1 ? { line, ownId: id.slice(separator + 1) } : undefined;
}
