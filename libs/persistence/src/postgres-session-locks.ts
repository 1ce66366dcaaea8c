import { Client, type ClientConfig } from 'pg';
import { toPersistenceError } from './driver-error.mapper';
import { KeyedMutex } from './keyed-mutex';

/**
 * The two-key form of PostgreSQL's advisory locks, with this class id first: its key space is apart from the one-key
 * form (`pg_advisory_xact_lock(bigint)`) that services use for their short decisions, so the two never block each other.
 */
const LOCK_CLASS = 0x62726467;
const RETRY_MS = 50;

/**
 * `Database.exclusive` on PostgreSQL: session-level advisory locks, held on a connection of their own so that
 * neither a pooled connection nor an open transaction is tied up while the holder calls out. A lock taken is held by
 * that connection until unlocked, and PostgreSQL releases it when the connection ends, so a process that dies
 * (SIGKILL) leaves nothing held. A session lock is re-entrant for its session: the in-process mutex in front is
 * what keeps two holders of one process apart. Not re-entrant for one holder: a holder asking again waits for itself.
 */
export class PostgresSessionLocks {
  private connection: Promise<Client> | undefined;
  /** The client behind `connection`: an error or failure of an older one forgets nothing. */
  private current: Client | undefined;
  private readonly local = new KeyedMutex();

  constructor(private readonly config: ClientConfig) {}

  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.local.run(key, async () => {
      const client = await this.acquire(key);
      try {
        return await fn();
      } finally {
        // On a connection that died meanwhile the lock went with it.
        await client.query('select pg_advisory_unlock($1, hashtext($2))', [LOCK_CLASS, key]).catch(() => undefined);
      }
    });
  }

  async close(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    const client = await connection?.catch(() => undefined);
    await client?.end().catch(() => undefined);
  }

  /** Asks until the lock is free: the lock connection itself never waits on a lock, so other keys go on meanwhile. */
  private async acquire(key: string): Promise<Client> {
    for (;;) {
      const client = await this.connect();
      let locked: boolean;
      try {
        const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1, hashtext($2)) as locked', [LOCK_CLASS, key]);
        locked = rows[0].locked;
      } catch (error) {
        this.forget(client);
        throw toPersistenceError(error);
      }
      if (locked) return client;
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }

  private connect(): Promise<Client> {
    if (!this.connection) {
      const client = new Client({ ...this.config, keepAlive: true });
      // A connection the server cuts (a restart) is replaced on the next use; its locks are gone with it.
      client.on('error', () => this.forget(client));
      const connecting = client.connect().then(
        () => client,
        (error: unknown) => {
          this.forget(client);
          throw toPersistenceError(error);
        },
      );
      this.connection = connecting;
      this.current = client;
    }
    return this.connection;
  }

  private forget(client: Client): void {
    if (this.current !== client) return;
    this.current = undefined;
    this.connection = undefined;
    void client.end().catch(() => undefined);
  }
}
