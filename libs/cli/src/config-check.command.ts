import { loadClientsSnapshot } from '@bridge/clients-config';
import { ITSM_NAMES } from '@bridge/itsm-adapters';
import type { Environment } from '@bridge/settings';
import { TemplateRenderer } from '@bridge/templating';

/**
 * `bridge config check FILE`: the validation a service runs on its clients file at start and on every reload,
 * alone. Referenced secrets are checked against this environment only with --env, since the file is often checked
 * where they are not set (a CI job, a laptop). The SHA-256 printed is the one `bridge_clients_file_info` shows for
 * the file a service has in place.
 */
export function configCheckCommand(file: string, options: { checkEnv: boolean }, env: Environment): string {
  const renderer = new TemplateRenderer();
  const { clients, sha256 } = loadClientsSnapshot(file, { knownItsms: ITSM_NAMES, env, checkSecrets: options.checkEnv, checkTemplate: (source) => renderer.check(source) });
  return `${file}: ${clients.clients.length} client(s) valid: ${clients.clients.map((c) => `${c.id} (${c.itsm})`).join(', ')}\nsha256 ${sha256}`;
}
