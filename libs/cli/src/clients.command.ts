import { pauseBothWays, resumeBothWays } from '@bridge/operations';
import { AdminAnswer, AdminApi, adminApi } from './admin-api';
import { CliError } from './cli-error';
import type { AdminAccess } from './cli-settings';

type Service = 'ingress' | 'gateway' | 'notifier';

/**
 * `bridge clients pause|resume ID` and `bridge clients paused`: a client paused or resumed at the gateway (toward its
 * Tangoe) and at the notifier (toward its ITSM) alike, through their admin APIs. `bridge clients reload`: each of the
 * three services reloads its clients file. The token comes from ADMIN_TOKEN, never from an argument (arguments end
 * up in shell history and process lists).
 */
export async function clientsCommand(action: string, args: { id?: string; reason?: string; ingress?: string; gateway?: string; notifier?: string }, settings: AdminAccess): Promise<string> {
  const needed: Service[] = action === 'reload' ? ['ingress', 'gateway', 'notifier'] : ['gateway', 'notifier'];
  // Every service the action needs is named before any is asked: an action half-done is worse than none.
  const services = Object.fromEntries(needed.map((name) => [name, adminApi(name, args[name], settings)])) as Record<Service, AdminApi>;
  if (action === 'reload') return reloadEverywhere((name) => services[name].send('POST', '/admin/clients/reload'));
  if (action === 'paused') {
    return JSON.stringify({ gateway: await services.gateway.get('/admin/clients/paused'), notifier: await services.notifier.get('/admin/clients/paused') }, null, 2);
  }
  if (action !== 'pause' && action !== 'resume') throw new CliError(`unknown clients action "${action}": use pause, resume, paused or reload`);
  if (!args.id) throw new CliError(`${action} needs the client's id`);
  const answers = action === 'pause' ? await pauseBothWays(services, args.id, args.reason) : await resumeBothWays(services, args.id);
  return JSON.stringify(answers, null, 2);
}

/**
 * Asks every service, even after one refused: each validates the file against its own environment, and each answer
 * (applied, unchanged, or refused with the problems) is shown. Any refusal fails the command with all answers.
 */
async function reloadEverywhere(reload: (name: Service) => Promise<AdminAnswer>): Promise<string> {
  const answers: Record<string, unknown> = {};
  const refused: string[] = [];
  for (const name of ['ingress', 'gateway', 'notifier'] as const) {
    const { url, status, text } = await reload(name);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    answers[name] = body;
    if (status < 200 || status >= 300) refused.push(`${name} (${url}: ${status})`);
  }
  const report = JSON.stringify(answers, null, 2);
  if (refused.length > 0) throw new CliError(`the clients file was not reloaded by ${refused.join(', ')}; the clients in place go on serving there:\n${report}`);
  return report;
}
