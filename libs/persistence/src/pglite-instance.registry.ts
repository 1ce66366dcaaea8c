import path from 'node:path';
import { PgliteConnection } from './pglite-connection';

/**
 * PGlite cannot open one data folder twice in a process, yet the standalone run hosts every service in one process,
 * each opening its own schema in the same folder. So instances are shared per folder and counted: the first
 * opener starts it, the last one to let go closes it. In-memory instances are never shared.
 */
interface Entry {
  connection: Promise<PgliteConnection>;
  leases: number;
}

export interface PgliteLease {
  readonly connection: PgliteConnection;
  /** Idempotent; closes the instance when this was the last lease on it. */
  release(): Promise<void>;
}

const entries = new Map<string, Entry>();
/** Instances still closing: a new opener of the same folder waits, or two instances would share the files. */
const closing = new Map<string, Promise<void>>();
let inMemoryCount = 0;

export async function acquirePglite(dataDir: string | undefined): Promise<PgliteLease> {
  const key = dataDir ? `dir:${path.resolve(dataDir)}` : `memory:${++inMemoryCount}`;
  for (let pending = closing.get(key); pending; pending = closing.get(key)) await pending.catch(() => undefined);
  // From here to `entries.set` nothing awaits, so concurrent openers of one folder find the same entry.
  let entry = entries.get(key);
  if (!entry) {
    entry = { connection: PgliteConnection.open(dataDir), leases: 0 };
    entries.set(key, entry);
  }
  entry.leases += 1;
  const held = entry;
  let connection: PgliteConnection;
  try {
    connection = await held.connection;
  } catch (error) {
    // Forget a failed start, so the next opener tries again instead of inheriting the failure.
    held.leases -= 1;
    if (held.leases === 0 && entries.get(key) === held) entries.delete(key);
    throw error;
  }
  let released: Promise<void> | undefined;
  return {
    connection,
    release: () => (released ??= releaseEntry(key, held)),
  };
}

/** How many instances are open; lets tests check that the last view's close really closed the instance. */
export function openPgliteInstances(): number {
  return entries.size;
}

function releaseEntry(key: string, entry: Entry): Promise<void> {
  entry.leases -= 1;
  if (entry.leases > 0) return Promise.resolve();
  entries.delete(key);
  const done: Promise<void> = entry.connection
    .then((connection) => connection.close())
    .finally(() => {
      if (closing.get(key) === done) closing.delete(key);
    });
  closing.set(key, done);
  return done;
}
