import { ClientDirectory, loadClientsFile } from '@bridge/clients-config';
import { TemplateRenderer } from '@bridge/templating';

export const CLIENTS = Symbol('ClientDirectory');

/**
 * Loads the clients file named by CLIENTS_FILE once at start, validating everything, referenced secrets
 * included: a service with a broken clients file refuses to start, naming the file, the client and the field.
 */
export function loadClientDirectory(knownItsms: readonly string[], env: NodeJS.ProcessEnv = process.env): ClientDirectory {
  const file = env.CLIENTS_FILE;
  if (!file) throw new Error('CLIENTS_FILE is not set: it must name the clients file (YAML or JSON)');
  const renderer = new TemplateRenderer();
  return new ClientDirectory(loadClientsFile(file, { knownItsms, env, checkTemplate: (source) => renderer.check(source) }));
}
