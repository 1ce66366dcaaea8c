import type { Environment } from '@bridge/settings';
import type { ConfigProblem } from './clients-config.error';

/**
 * `${NAME}` and `${NAME:-default}` in the clients file take what differs per deployment and is no secret (a host, a
 * port). Only variables named `CLIENTS_VAR_…` are read: the environment also holds every client's secrets, the
 * database URL and the admin token, and whoever can edit the file (a ConfigMap) must not be able to copy one into a
 * URL or a text the bridge sends out. Secrets stay references (`{ env: NAME }`), resolved only where they are used.
 */
export const FILE_VARIABLE_PREFIX = 'CLIENTS_VAR_';

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/** Templates are Liquid the bridge renders into what it sends; a value put into one could leave in every delivery. */
function isTemplate(at: readonly (string | number)[]): boolean {
  return (at[0] === 'clients' && at[2] === 'mapping' && at[3] === 'textTemplate') || (at[0] === 'clients' && at[2] === 'outbound' && at[3] === 'templates');
}

/**
 * Replaces the references in every string of the parsed file but its templates, which keep `${…}` as written.
 * A reference to a variable outside the allow-list is a problem, never read, so no error quotes its value.
 */
export function interpolateFileVariables(raw: unknown, env: Environment, file: string, problems: ConfigProblem[]): unknown {
  const clients = (raw as { clients?: unknown } | null)?.clients;
  const idOf = (index: number) => (Array.isArray(clients) ? (clients[index] as { id?: unknown } | null)?.id : undefined);
  const walk = (value: unknown, at: (string | number)[]): unknown => {
    if (typeof value === 'string') return isTemplate(at) ? value : interpolate(value, env, { file, ...where(at, idOf) }, problems);
    if (Array.isArray(value)) return value.map((item, index) => walk(item, [...at, index]));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, walk(child, [...at, key])]));
    return value;
  };
  return walk(raw, []);
}

function interpolate(text: string, env: Environment, place: Omit<ConfigProblem, 'message'>, problems: ConfigProblem[]): string {
  return text.replace(REFERENCE, (whole, name: string, fallback: string | undefined) => {
    if (!name.startsWith(FILE_VARIABLE_PREFIX)) {
      problems.push({ ...place, message: `reads \${${name}}: the file may only read variables named ${FILE_VARIABLE_PREFIX}…; a secret is a reference, { env: NAME }` });
      return whole;
    }
    return env[name] ?? fallback ?? whole;
  });
}

/** `clients.2.tangoe.baseUrl` → the client (its id, or its position without one) and the field. */
function where(at: readonly (string | number)[], idOf: (index: number) => unknown): Pick<ConfigProblem, 'client' | 'field'> {
  if (at[0] === 'clients' && typeof at[1] === 'number') {
    const id = idOf(at[1]);
    return { client: typeof id === 'string' && id.length <= 63 ? id : `#${at[1] + 1}`, field: at.slice(2).join('.') };
  }
  return { field: at.join('.') };
}
