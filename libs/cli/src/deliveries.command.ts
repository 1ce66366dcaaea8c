import { adminHeaders } from './admin-api';
import { CliError } from './cli-error';
import type { AdminAccess } from './cli-settings';

/**
 * `bridge deliveries parked|replay`: the notifier's admin API from a terminal. The token comes from ADMIN_TOKEN,
 * never from an argument (arguments end up in shell history and process lists).
 */
export async function deliveriesCommand(action: string, args: { url?: string; id?: string }, settings: AdminAccess): Promise<string> {
  const url = args.url ?? settings.NOTIFIER_URL;
  if (!url) throw new CliError('deliveries needs the notifier: pass --url URL or set NOTIFIER_URL');
  const token = settings.ADMIN_TOKEN;
  if (!token) throw new CliError('deliveries needs ADMIN_TOKEN in the environment');
  const headers = adminHeaders(token);
  let response: Response;
  if (action === 'parked') response = await fetch(`${url.replace(/\/$/, '')}/admin/deliveries/parked`, { headers });
  else if (action === 'replay') {
    if (!args.id || !/^\d+$/.test(args.id)) throw new CliError('replay needs the id of a parked delivery (a number)');
    response = await fetch(`${url.replace(/\/$/, '')}/admin/deliveries/${args.id}/replay`, { method: 'POST', headers });
  } else throw new CliError(`unknown deliveries action "${action}": use parked or replay`);
  const text = await response.text();
  if (!response.ok) throw new CliError(`the notifier answered ${response.status}: ${text}`);
  return JSON.stringify(JSON.parse(text), null, 2);
}
