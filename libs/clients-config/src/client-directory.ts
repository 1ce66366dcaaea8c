import type { ClientConfig, ClientsFile } from './client-config';

/** The clients of this deployment by id. Disabled clients are unknown to everyone. */
export class ClientDirectory {
  private readonly byId: ReadonlyMap<string, ClientConfig>;

  constructor(file: ClientsFile) {
    this.byId = new Map(file.clients.filter((client) => client.enabled !== false).map((client) => [client.id, client]));
  }

  get(clientId: string): ClientConfig | undefined {
    return this.byId.get(clientId);
  }

  all(): ClientConfig[] {
    return [...this.byId.values()];
  }
}
