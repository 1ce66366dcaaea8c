import { CliError } from './cli-error';

/**
 * `bridge clients pause|resume ID` and `bridge clients paused`: a client paused or resumed at the gateway (toward its
 * Tangoe) and at the notifier (toward its ITSM) alike, through their admin APIs. The token comes from ADMIN_TOKEN,
 * never from an argument (arguments end up in shell history and process lists).
 */
export async function clientsCommand(action: string, args: { id?: string; reason?: string; gateway?: string; notifier?: string }, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const services = { gateway: args.gateway ?? env.GATEWAY_URL, notifier: args.notifier ?? env.NOTIFIER_URL };
  for (const [name, url] of Object.entries(services)) if (!url) throw new CliError(`clients needs the ${name}: pass --${name} URL or set ${name.toUpperCase()}_URL`);
  const token = env.ADMIN_TOKEN;
  if (!token) throw new CliError('clients needs ADMIN_TOKEN in the environment');
  const call = async (url: string, path: string, method: 'GET' | 'POST') => {
    const response = await fetch(`${url.replace(/\/$/, '')}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: method === 'POST' ? JSON.stringify(args.reason ? { reason: args.reason } : {}) : undefined,
    });
    const text = await response.text();
    if (!response.ok) throw new CliError(`${url} answered ${response.status}: ${text}`);
    return JSON.parse(text) as unknown;
  };
  if (action === 'paused') {
    return JSON.stringify({ gateway: await call(services.gateway!, '/admin/clients/paused', 'GET'), notifier: await call(services.notifier!, '/admin/clients/paused', 'GET') }, null, 2);
  }
  if (action !== 'pause' && action !== 'resume') throw new CliError(`unknown clients action "${action}": use pause, resume or paused`);
  if (!args.id) throw new CliError(`${action} needs the client's id`);
  const path = `/admin/clients/${encodeURIComponent(args.id)}/${action}`;
  // Paused toward the ITSM first and resumed toward it last: a pause half-done never lets Tangoe's updates through.
  const order = action === 'pause' ? (['notifier', 'gateway'] as const) : (['gateway', 'notifier'] as const);
  const answers: Record<string, unknown> = {};
  for (const name of order) answers[name] = await call(services[name]!, path, 'POST');
  return JSON.stringify(answers, null, 2);
}
