import { Client, type ClientConfig } from 'pg';
import { AsyncMutex } from './async-mutex';
import { toPersistenceError } from './driver-error.mapper';
import { KeyedMutex } from './keyed-mutex';
import { PersistenceError } from './persistence-error';

/**
 * The two-key form of PostgreSQL's advisory locks, with this class id first: its key space is apart from the one-key
 * form (`pg_advisory_xact_lock(bigint)`) that services use for their short decisions, so the two never block each other.
 */
const LOCK_CLASS = 0x62726467;
const RETRY_MS = 50;
/**
 * A lock call is a few microseconds of work at the server: one that takes this long is on a connection that is gone
 * (a network path dropped without a reset), and waiting on it would hold every key of the process.
 */
const QUERY_TIMEOUT_MS = 10_000;
const CONNECT_TIMEOUT_MS = 10_000;
/** TCP keepalive probes start after this much silence, so a dead lock connection is noticed in tens of seconds, not hours. */
const KEEPALIVE_DELAY_MS = 10_000;

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
  /** One query at a time on the lock connection: pg is dropping its own queue for concurrent queries (pg@9). */
  private readonly serial = new AsyncMutex();
  private closed = false;

  constructor(private readonly config: ClientConfig) {}

  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.local.run(key, async () => {
      const client = await this.acquire(key);
      try {
        return await fn();
      } finally {
        // On a connection that died meanwhile the lock went with it.
        await this.serial.run(() => client.query('select pg_advisory_unlock($1, hashtext($2))', [LOCK_CLASS, key])).catch(() => undefined);
      }
    });
  }

  /** Ends the lock connection (its locks go with it); a holder still waiting for a lock is refused rather than reconnecting. */
  async close(): Promise<void> {
    this.closed = true;
    const connection = this.connection;
    this.connection = undefined;
    const client = await connection?.catch(() => undefined);
    await client?.end().catch(() => undefined);
  }

  /** Asks until the lock is free: the lock connection itself never waits on a lock, so other keys go on meanwhile. */
  private async acquire(key: string): Promise<Client> {
    for (;;) {
      if (this.closed) throw new PersistenceError('closed', `the database is closed: no lock on ${key} is taken`);
      const client = await this.connect();
      let locked: boolean | undefined;
      try {
        // A holder queued behind a failure finds its connection replaced: it asks again on the new one.
        locked = await this.serial.run(async () => (client === this.current ? (await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1, hashtext($2)) as locked', [LOCK_CLASS, key])).rows[0].locked : undefined));
      } catch (error) {
        this.forget(client);
        if (this.closed) throw new PersistenceError('closed', `the database is closed: no lock on ${key} is taken`);
        // The connection, not the lock, failed (a timeout, a cut path, a server restart): a failure of the moment,
        // which the caller retries, never a reason to park the ticket.
        throw new PersistenceError('unavailable', `the lock connection failed while asking for ${key}: ${toPersistenceError(error).message}`, { cause: error });
      }
      if (locked === undefined) continue;
      if (locked) return client;
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }

  private connect(): Promise<Client> {
    if (!this.connection) {
      const client = new Client({
        ...this.config,
        keepAlive: true,
        keepAliveInitialDelayMillis: KEEPALIVE_DELAY_MS,
        query_timeout: QUERY_TIMEOUT_MS,
        connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
        // The server probes the session too: on a path that died half-open it ends the session, and frees its locks,
        // in about 25 s instead of the operating system's default two hours.
        options: '-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3',
      });
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
