import type { ClientConfig, ClientsFile } from './client-config';
import { ClientsChange, clientsChange, isEmptyChange, sameClient } from './clients-change';

/** Which clients file the directory holds: the SHA-256 of its bytes, and when it was put in place. */
export interface ClientsFileVersion {
  sha256: string;
  loadedAt: Date;
}

/** What a service does when clients come, change or go (seed their schedules, send what was held for them). */
export type ClientsChangeListener = (change: ClientsChange) => void | Promise<void>;

/**
 * The clients of this deployment by id. Disabled clients are unknown to everyone. A reload puts a new, validated
 * file in place in one step (`replace`): whoever asks next sees the new clients, nobody sees half a file.
 */
export class ClientDirectory {
  private byId: ReadonlyMap<string, ClientConfig>;
  private loaded?: ClientsFileVersion;
  private readonly listeners = new Set<ClientsChangeListener>();
  /** Listeners that failed on a change, with it: told again at the next reload, so a client added is not half served. */
  private failed: Array<{ listener: ClientsChangeListener; change: ClientsChange }> = [];

  constructor(file: ClientsFile, version?: ClientsFileVersion) {
    this.byId = enabledClients(file);
    this.loaded = version;
  }

  get(clientId: string): ClientConfig | undefined {
    return this.byId.get(clientId);
  }

  all(): ClientConfig[] {
    return [...this.byId.values()];
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  get version(): ClientsFileVersion | undefined {
    return this.loaded;
  }

  /** Called after every `replace` that changed a client; returns the unsubscribe. */
  onChange(listener: ClientsChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Puts a validated file in place of the current one. An entry equal to the one it replaces keeps the very object,
   * so what services built from it (HTTP clients, tokens, sessions) goes on serving: only the clients the file
   * changed start afresh. The listeners are told once the file is in place; one that fails is returned, not undone.
   */
  async replace(file: ClientsFile, version: ClientsFileVersion): Promise<{ change: ClientsChange; failures: Error[] }> {
    const next = new Map<string, ClientConfig>();
    for (const [id, client] of enabledClients(file)) {
      const previous = this.byId.get(id);
      next.set(id, previous && sameClient(previous, client) ? previous : client);
    }
    const change = clientsChange(this.byId, next);
    this.byId = next;
    this.loaded = version;
    const failures: Error[] = [];
    if (isEmptyChange(change)) return { change, failures };
    for (const listener of this.listeners) {
      try {
        await listener(change);
      } catch (error) {
        failures.push(error as Error);
        this.failed.push({ listener, change });
      }
    }
    return { change, failures };
  }

  /**
   * Tells again each listener that failed on an earlier change (its database was down, say), once more, in order:
   * a reload of the same file finds nothing to replace, and the client it added would otherwise never get its
   * schedule. Listeners do what a change asks idempotently. Returns the failures that remain.
   */
  async retryFailedListeners(): Promise<Error[]> {
    const pending = this.failed;
    this.failed = [];
    const failures: Error[] = [];
    for (const { listener, change } of pending) {
      if (!this.listeners.has(listener)) continue;
      try {
        await listener(change);
      } catch (error) {
        failures.push(error as Error);
        this.failed.push({ listener, change });
      }
    }
    return failures;
  }
}

function enabledClients(file: ClientsFile): Map<string, ClientConfig> {
  return new Map(file.clients.filter((client) => client.enabled !== false).map((client) => [client.id, client]));
}
