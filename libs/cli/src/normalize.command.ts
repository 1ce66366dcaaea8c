import { readFileSync } from 'node:fs';
import { plainToInstance } from 'class-transformer';
import { ClientConfig, loadClientsFile } from '@bridge/clients-config';
import { ITSM_NAMES, InboundPayloadError, adapterFor, readWebhookBody } from '@bridge/itsm-adapters';
import type { Environment } from '@bridge/settings';
import { CliError } from './cli-error';

/**
 * With no --client, a mapping that routes everything, maps nothing and fills what Tangoe requires and the payload
 * lacks, so any vendor payload (a webhook or an API record) shows the events it would become.
 */
export const DRY_RUN_FALLBACKS = { requestorName: '(dry run: no requestor name in the payload)', requestorNumber: '(dry run: no phone)' };

function dryRunClient(itsm: string): ClientConfig {
  return plainToInstance(ClientConfig, {
    id: 'dry-run',
    itsm,
    inbound: { type: 'bearer', secret: { env: 'UNUSED' } },
    mapping: { defaultRequestType: 'Tech Support', fallbacks: DRY_RUN_FALLBACKS },
    tangoe: { baseUrl: 'http://127.0.0.1', apiUser: 'dry-run', auth: { type: 'api-token', token: { env: 'UNUSED' } } },
  });
}

export interface NormalizeArgs {
  itsm: string;
  file: string;
  clientId?: string;
  clientsFile?: string;
  /** Where the clients file's `${NAME}` resolve (its secrets are not needed, nor checked). */
  env: Environment;
}

/**
 * `bridge normalize`: the events a webhook payload or an API record would become, without publishing them. The ingress would drop
 * those it already published (same ids), so a payload delivered again is listed in full here but published once.
 */
export function normalizeCommand(args: NormalizeArgs): string {
  const adapter = adapterFor(args.itsm);
  if (!adapter) throw new CliError(`unknown ITSM "${args.itsm}": use one of ${ITSM_NAMES.join(', ')}`);
  let client = dryRunClient(args.itsm);
  if (args.clientId) {
    if (!args.clientsFile) throw new CliError('--client needs a clients file: pass --clients FILE or set CLIENTS_FILE');
    const found = loadClientsFile(args.clientsFile, { knownItsms: ITSM_NAMES, env: args.env, checkSecrets: false }).clients.find((c) => c.id === args.clientId);
    if (!found) throw new CliError(`no client "${args.clientId}" in ${args.clientsFile}`);
    client = found;
  }
  let payload: unknown;
  try {
    // As the ingress reads it: one of the ITSM's documented bodies by its skeleton, else JSON.
    payload = readWebhookBody(adapter.dialect, readFileSync(args.file, 'utf8'));
  } catch (error) {
    throw new CliError(`${args.file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not JSON (${(error as Error).message})`}`);
  }
  try {
    const result = adapter.normalize(payload, { client, receivedAt: new Date() });
    return JSON.stringify(result.kind === 'events' ? result.events : [], null, 2);
  } catch (error) {
    if (error instanceof InboundPayloadError) throw new CliError(`${args.file}: ${error.message}`);
    throw error;
  }
}
