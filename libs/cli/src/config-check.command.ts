import { loadClientsFile } from '@bridge/clients-config';
import { ITSM_NAMES } from '@bridge/itsm-adapters';
import { TemplateRenderer } from '@bridge/templating';

/**
 * `bridge config check FILE`: the validation a service runs on its clients file at start, alone. Referenced
 * secrets are checked against this environment only with --env, since the file is often checked where they are
 * not set (a CI job, a laptop).
 */
export function configCheckCommand(file: string, options: { checkEnv: boolean }, env: NodeJS.ProcessEnv = process.env): string {
  const renderer = new TemplateRenderer();
  const parsed = loadClientsFile(file, { knownItsms: ITSM_NAMES, env: options.checkEnv ? env : undefined, checkTemplate: (source) => renderer.check(source) });
  return `${file}: ${parsed.clients.length} client(s) valid: ${parsed.clients.map((c) => `${c.id} (${c.itsm})`).join(', ')}`;
}
