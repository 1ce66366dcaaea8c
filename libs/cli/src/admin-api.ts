import { CliError } from './cli-error';

/** One service's admin API, as the CLI calls it: the token from ADMIN_TOKEN, never from an argument. */
export interface AdminApi {
  get(path: string): Promise<unknown>;
  post(path: string, body?: unknown): Promise<unknown>;
}

/**
 * The admin API of the service named `name` at `url` (a flag, else `<NAME>_URL`). Arguments end up in shell history
 * and process lists, so the token comes only from the environment. An answer that is not 2xx is a CliError quoting it.
 */
export function adminApi(name: string, url: string | undefined, env: NodeJS.ProcessEnv): AdminApi {
  const base = url ?? env[`${name.toUpperCase()}_URL`];
  if (!base) throw new CliError(`this needs the ${name}: pass --${name} URL or set ${name.toUpperCase()}_URL`);
  const token = env.ADMIN_TOKEN;
  if (!token) throw new CliError('this needs ADMIN_TOKEN in the environment');
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    const response = await fetch(`${base.replace(/\/$/, '')}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
    });
    const text = await response.text();
    if (!response.ok) throw new CliError(`the ${name} answered ${response.status}: ${text}`);
    return JSON.parse(text) as unknown;
  };
  return { get: (path) => call('GET', path), post: (path, body) => call('POST', path, body) };
}
