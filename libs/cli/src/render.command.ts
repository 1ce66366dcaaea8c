import { readFileSync } from 'node:fs';
import { EventValidationError, validateEvent } from '@bridge/contracts';
import { loadClientsFile } from '@bridge/clients-config';
import { ITSM_NAMES, outboundAdapterFor, planUpdates, renderUpdate } from '@bridge/itsm-adapters';
import type { Environment } from '@bridge/settings';
import { CliError } from './cli-error';

/** The scheme each outbound auth type sends, the only part of the Authorization header `render` shows. */
const AUTHORIZATION_SCHEMES: Readonly<Record<string, string>> = { basic: 'Basic', bearer: 'Bearer', oauth: 'Bearer', 'ar-jwt': 'AR-JWT' };

export interface RenderArgs {
  clientId: string;
  clientsFile?: string;
  /** Where the clients file's `${NAME}` resolve (its secrets are not needed, nor checked). */
  env: Environment;
  file: string;
}

/**
 * `bridge render`: the request(s) the notifier would send for the event in FILE, without sending them. Credentials
 * are never read: the Authorization header shows only its scheme.
 */
export function renderCommand(args: RenderArgs): string {
  if (!args.clientsFile) throw new CliError('render needs a clients file: pass --clients FILE or set CLIENTS_FILE');
  const client = loadClientsFile(args.clientsFile, { knownItsms: ITSM_NAMES, env: args.env, checkSecrets: false }).clients.find((c) => c.id === args.clientId);
  if (!client) throw new CliError(`no client "${args.clientId}" in ${args.clientsFile}`);
  if (!client.outbound) throw new CliError(`client "${args.clientId}" has no outbound configuration`);
  let event;
  try {
    event = validateEvent(JSON.parse(readFileSync(args.file, 'utf8')));
  } catch (error) {
    if (error instanceof EventValidationError) throw new CliError(`${args.file}: ${error.message}`);
    throw new CliError(`${args.file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not JSON (${(error as Error).message})`}`);
  }
  if (event.data.clientId !== client.id) throw new CliError(`${args.file} is about client "${event.data.clientId}", not "${client.id}"`);
  const plan = planUpdates(event, client);
  if (plan.kind === 'none') return JSON.stringify({ requests: [], reason: plan.reason }, null, 2);
  const adapter = outboundAdapterFor(client)!;
  const scheme = AUTHORIZATION_SCHEMES[client.outbound.auth.type];
  const rendered = plan.updates.map(({ update, target }) => renderUpdate(update, client, adapter, target));
  const requests = rendered.flatMap((update, index) =>
    adapter.preview(update, client).map((request) => ({
      ...request,
      headers: { Authorization: `${scheme} ***`, 'Content-Type': 'application/json', 'webhook-id': `msg_${plan.updates[index].update.eventId}` },
    })),
  );
  return JSON.stringify({ kind: rendered.map((update) => update.kind).join(', '), requests }, null, 2);
}
