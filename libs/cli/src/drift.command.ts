import { DriftPeers, DriftRepairRefused, readDrift, repairDrift } from '@bridge/drift';
import { adminApi } from './admin-api';
import { CliError } from './cli-error';
import type { AdminAccess } from './cli-settings';
import { clientsCommand } from './clients.command';

export interface DriftArgs {
  /** `repair`, or none for the report. */
  action?: string;
  clientId?: string;
  ticket?: string;
  since?: string;
  ingress?: string;
  gateway?: string;
  notifier?: string;
}

/**
 * `bridge drift --client ID [--since DATE]`: the client's tickets whose ITSM and Tangoe disagree, or that exist on
 * one side only, each with its reason and its repair. `bridge drift repair --client ID --ticket KEY`: that ticket's
 * drift computed again, then its one repair made; refused (exit 2) when the ticket is in step or has no automatic
 * repair. The ingress reads the ITSM (one walk of the window through the client's read budget), the gateway reads
 * Tangoe; a resume also needs the notifier (`--notifier`, NOTIFIER_URL).
 */
export async function driftCommand(args: DriftArgs, settings: AdminAccess): Promise<string> {
  if (!args.clientId) throw new CliError('drift needs --client ID');
  if (args.since !== undefined && Number.isNaN(Date.parse(args.since))) throw new CliError(`--since ${args.since} is no date: give 2026-01-31 or 2026-01-31T08:00:00Z`);
  const peers: DriftPeers = {
    ingress: adminApi('ingress', args.ingress, settings),
    gateway: adminApi('gateway', args.gateway, settings),
    // As `bridge clients resume` does it: the gateway first, the notifier last.
    resumeClient: async (clientId) => JSON.parse(await clientsCommand('resume', { id: clientId, gateway: args.gateway, notifier: args.notifier }, settings)) as unknown,
  };
  if (args.action === undefined) return JSON.stringify(await readDrift(peers, args.clientId, { since: args.since }), null, 2);
  if (args.action !== 'repair') throw new CliError(`unknown drift action "${args.action}": use bridge drift --client ID, or bridge drift repair --client ID --ticket KEY`);
  if (!args.ticket) throw new CliError('drift repair needs --ticket KEY');
  try {
    return JSON.stringify(await repairDrift(peers, args.clientId, args.ticket, { since: args.since }), null, 2);
  } catch (error) {
    if (error instanceof DriftRepairRefused) throw new CliError(error.message);
    throw error;
  }
}
