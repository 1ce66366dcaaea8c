import { onboardClient } from '@bridge/operations';
import { adminApi } from './admin-api';
import { CliError } from './cli-error';
import type { AdminAccess } from './cli-settings';

export interface OnboardArgs {
  clientId?: string;
  since?: string;
  dryRun: boolean;
  /** How long to wait for the gateway to link or create every new ticket, in seconds. */
  waitSeconds: number;
  ingress?: string;
  gateway?: string;
}

/**
 * `bridge onboard --client ID [--since DATE] [--dry-run]`: the client's open tickets at its ITSM brought to Tangoe
 * (`onboardClient`, which the console runs too). A dry run publishes nothing and says, ticket by ticket, what would
 * happen; a run waits until the gateway has dealt with every new ticket, or `--wait` seconds.
 */
export async function onboardCommand(args: OnboardArgs, settings: AdminAccess, pollMs = 2_000): Promise<string> {
  if (!args.clientId) throw new CliError('onboard needs --client ID');
  if (args.since !== undefined && Number.isNaN(Date.parse(args.since))) throw new CliError(`--since ${args.since} is no date: give 2026-01-31 or 2026-01-31T08:00:00Z`);
  const services = { ingress: adminApi('ingress', args.ingress, settings), gateway: adminApi('gateway', args.gateway, settings) };
  const outcome = await onboardClient(services, args.clientId, { since: args.since, dryRun: args.dryRun, waitMs: args.waitSeconds * 1_000, pollMs });
  return JSON.stringify(outcome.dryRun || outcome.note === undefined ? outcome : { ...outcome, note: `the gateway is still at it after ${args.waitSeconds} s: run again with --dry-run later to see what is left` }, null, 2);
}
