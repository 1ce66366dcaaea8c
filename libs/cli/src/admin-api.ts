import os from 'node:os';
import { ADMIN_OPERATOR_HEADER } from '@bridge/contracts';
import { CliError } from './cli-error';
import type { AdminAccess } from './cli-settings';

/** The services the CLI calls, and the setting that says where each is when its flag does not. */
const URL_SETTINGS = { ingress: 'INGRESS_URL', gateway: 'GATEWAY_URL', notifier: 'NOTIFIER_URL' } as const;

/** A service's answer as it came: what a command that shows refusals too (a reload) needs. */
export interface AdminAnswer {
  url: string;
  status: number;
  text: string;
}

/** One service's admin API, as the CLI calls it: the token from ADMIN_TOKEN, never from an argument. */
export interface AdminApi {
  get(path: string): Promise<unknown>;
  post(path: string, body?: unknown): Promise<unknown>;
  /** The answer whatever its status. */
  send(method: 'GET' | 'POST', path: string, body?: unknown): Promise<AdminAnswer>;
}

/**
 * The admin API of the service named `name` at `url` (a flag, else `<NAME>_URL`). Arguments end up in shell history
 * and process lists, so the token comes only from the settings. `get` and `post` turn an answer that is not 2xx
 * into a CliError quoting it.
 */
export function adminApi(name: keyof typeof URL_SETTINGS, url: string | undefined, settings: AdminAccess): AdminApi {
  const base = url ?? settings[URL_SETTINGS[name]];
  if (!base) throw new CliError(`this needs the ${name}: pass --${name} URL or set ${URL_SETTINGS[name]}`);
  const token = settings.ADMIN_TOKEN;
  if (!token) throw new CliError('this needs ADMIN_TOKEN in the environment');
  const send = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<AdminAnswer> => {
    const response = await fetch(`${base.replace(/\/$/, '')}${path}`, {
      method,
      headers: { ...adminHeaders(token), 'content-type': 'application/json' },
      body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
    });
    return { url: base, status: response.status, text: await response.text() };
  };
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    const answer = await send(method, path, body);
    if (answer.status < 200 || answer.status >= 300) throw new CliError(`the ${name} (${answer.url}) answered ${answer.status}: ${answer.text}`);
    return JSON.parse(answer.text) as unknown;
  };
  return { get: (path) => call('GET', path), post: (path, body) => call('POST', path, body), send };
}

/** The token, and who is asking: the services' audit log writes the operator with each change (docs/security.md). */
export function adminHeaders(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, [ADMIN_OPERATOR_HEADER]: operator() };
}

function operator(): string {
  try {
    return `${os.userInfo().username}@${os.hostname()}`;
  } catch {
    // A container user with no passwd entry.
    return `uid ${process.getuid?.() ?? '?'}@${os.hostname()}`;
  }
}
