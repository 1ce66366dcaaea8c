import type { ClientConfig } from './client-config';

/** What a new clients file changes, by client id: each service reacts to these (ADR 17). */
export interface ClientsChange {
  added: string[];
  changed: string[];
  removed: string[];
}

export function isEmptyChange(change: ClientsChange): boolean {
  return change.added.length + change.changed.length + change.removed.length === 0;
}

/** The change from one set of enabled clients to the next, each list in id order. */
export function clientsChange(before: ReadonlyMap<string, ClientConfig>, after: ReadonlyMap<string, ClientConfig>): ClientsChange {
  const change: ClientsChange = { added: [], changed: [], removed: [] };
  for (const [id, next] of after) {
    const previous = before.get(id);
    if (!previous) change.added.push(id);
    else if (!sameClient(previous, next)) change.changed.push(id);
  }
  for (const id of before.keys()) if (!after.has(id)) change.removed.push(id);
  for (const list of Object.values(change)) list.sort();
  return change;
}

/**
 * Whether two entries configure a client alike, whatever the order of their keys: an entry the new file leaves as
 * it was keeps serving with its credentials, sessions and tokens, untouched by another client's change.
 */
export function sameClient(a: ClientConfig, b: ClientConfig): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
