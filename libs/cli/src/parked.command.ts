import { AdminApi, adminApi } from './admin-api';
import { CliError } from './cli-error';
import type { AdminAccess } from './cli-settings';

type Service = 'gateway' | 'notifier';

/**
 * The services that may hold a parked item of each line, by the prefix of its id (`<line>:…`): the gateway's ticket
 * events, the notifier's deliveries, and dead letters at either (each holds its own consumer group's).
 */
const HOLDERS: Record<string, readonly Service[]> = {
  ticket_work: ['gateway'],
  deliveries: ['notifier'],
  dead_letters: ['gateway', 'notifier'],
};

/**
 * `bridge parked list` and `bridge parked replay ID`: what is parked anywhere, as one list, and the replay of one
 * item at the service that holds it, through their admin APIs (`/admin/parked`). The token comes from ADMIN_TOKEN,
 * never from an argument (arguments end up in shell history and process lists).
 */
export async function parkedCommand(action: string, args: { id?: string; gateway?: string; notifier?: string }, settings: AdminAccess): Promise<string> {
  const service = (name: Service) => adminApi(name, args[name], settings);
  if (action === 'list') {
    // Both are named before either is asked: a list missing one service's items would look complete.
    const services = (['gateway', 'notifier'] as const).map((name) => ({ name, api: service(name) }));
    const lists = await Promise.all(services.map(async ({ name, api }) => ((await api.get('/admin/parked')) as Array<Record<string, unknown>>).map((item) => ({ ...item, service: name }))));
    return JSON.stringify(lists.flat(), null, 2);
  }
  if (action !== 'replay') throw new CliError(`unknown parked action "${action}": use list or replay`);
  if (!args.id) throw new CliError('replay needs the id of a parked item, as `bridge parked list` shows it');
  const holders = HOLDERS[args.id.slice(0, args.id.indexOf(':'))];
  if (!holders) throw new CliError(`"${args.id}" is no parked item's id: it starts with ${Object.keys(HOLDERS).join(':, ')}:`);
  return JSON.stringify(await replayAtHolder(args.id, holders.map((name) => ({ name, api: service(name) }))), null, 2);
}

/** Asks each service that may hold the item in turn; one that does not hold it answers 404 and the next is asked. */
async function replayAtHolder(id: string, holders: ReadonlyArray<{ name: Service; api: AdminApi }>): Promise<unknown> {
  const path = `/admin/parked/${encodeURIComponent(id)}/replay`;
  for (const { name, api } of holders) {
    const answer = await api.send('POST', path);
    if (answer.status === 404) continue;
    if (answer.status < 200 || answer.status >= 300) throw new CliError(`the ${name} (${answer.url}) answered ${answer.status}: ${answer.text}`);
    return { ...(JSON.parse(answer.text) as object), service: name };
  }
  throw new CliError(`nothing parked has the id ${id} (asked the ${holders.map(({ name }) => name).join(' and the ')}); it may have been replayed already`);
}
