import { readFileSync } from 'node:fs';
import { ClientDirectory, ClientsSnapshot, SecretsUsed, clientsFileSha256, loadClientsSnapshot } from '@bridge/clients-config';
import { TemplateRenderer } from '@bridge/templating';
import type { ServiceSettings } from './service-settings';

/**
 * The clients file named by CLIENTS_FILE, read the one way a service reads it: at start and on every reload, with
 * everything validated, referenced secrets included, against the environment the service started with.
 */
export class ClientsFileSource {
  private readonly renderer = new TemplateRenderer();

  constructor(
    private readonly knownItsms: readonly string[],
    private readonly settings: Pick<ServiceSettings, 'CLIENTS_FILE' | 'environment'>,
    /** The secrets of a client this service uses; only those must be in its environment. */
    private readonly secretsUsed?: SecretsUsed,
  ) {}

  get path(): string {
    const file = this.settings.CLIENTS_FILE;
    if (!file) throw new Error('CLIENTS_FILE is not set: it must name the clients file (YAML or JSON)');
    return file;
  }

  /** The file validated, or a `ClientsConfigError` naming the file, the client and the field of every problem. */
  load(): ClientsSnapshot {
    return loadClientsSnapshot(this.path, { knownItsms: this.knownItsms, env: this.settings.environment, checkSecrets: true, secretsUsed: this.secretsUsed, checkTemplate: (source) => this.renderer.check(source) });
  }

  /** The hash of the file as it is now, unvalidated: what a watch compares with the file in place. */
  currentSha256(): string {
    return clientsFileSha256(readFileSync(this.path));
  }
}

/**
 * Loads the clients file once at start: a service with a broken clients file refuses to start, naming the file,
 * the client and the field.
 */
export function loadClientDirectory(source: ClientsFileSource): ClientDirectory {
  const snapshot = source.load();
  return new ClientDirectory(snapshot.clients, { sha256: snapshot.sha256, loadedAt: new Date() });
}
