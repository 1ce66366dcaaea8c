import { setTimeout as sleep } from 'node:timers/promises';
import { AdminApi, adminApi } from './admin-api';
import { CliError } from './cli-error';
import type { AdminAccess } from './cli-settings';

interface OnboardedTicket {
  externalSourceId: string;
  title: string;
  openedAt: string;
  comments: number;
  bridge: 'new' | 'known';
}

interface IngressOutcome {
  clientId: string;
  since: string;
  recordsRead: number;
  tickets: OnboardedTicket[];
}

interface GatewayCounts {
  linkedToExisting: number;
  created: number;
  waiting: number;
  parked: number;
  notSeenYet: number;
}

/** The gateway takes this many ticket keys a call (its JSON bodies stay under 100 KB). */
const BATCH = 1_000;

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
 * `bridge onboard --client ID [--since DATE] [--dry-run]`: the client's open tickets at its ITSM brought to Tangoe.
 * The ingress reads them through the ITSM's API and publishes what the bridge does not know yet; the gateway links
 * those Tangoe already has a request for (by `external_source_id`) and creates the rest. A dry run publishes nothing
 * and says, ticket by ticket, what would happen; a run waits until the gateway has dealt with every new ticket.
 * A second run finds every ticket known and changes nothing.
 */
export async function onboardCommand(args: OnboardArgs, settings: AdminAccess, pollMs = 2_000): Promise<string> {
  if (!args.clientId) throw new CliError('onboard needs --client ID');
  if (args.since !== undefined && Number.isNaN(Date.parse(args.since))) throw new CliError(`--since ${args.since} is no date: give 2026-01-31 or 2026-01-31T08:00:00Z`);
  const ingress = adminApi('ingress', args.ingress, settings);
  const gateway = adminApi('gateway', args.gateway, settings);
  const client = encodeURIComponent(args.clientId);
  const read = (await ingress.post(`/admin/clients/${client}/onboard`, { dryRun: args.dryRun, ...(args.since ? { since: args.since } : {}) })) as IngressOutcome;
  const fresh = read.tickets.filter((ticket) => ticket.bridge === 'new').map((ticket) => ticket.externalSourceId);
  const known = read.tickets.length - fresh.length;
  const summary = { clientId: read.clientId, since: read.since, recordsRead: read.recordsRead, openTickets: read.tickets.length, alreadyKnownToTheBridge: known };
  if (args.dryRun) {
    const atTangoe = new Set<string>();
    for (const batch of batches(fresh)) {
      const { found } = (await gateway.post(`/admin/clients/${client}/tangoe-requests/lookup`, { externalSourceIds: batch })) as { found: Array<{ externalSourceId: string }> };
      for (const ticket of found) atTangoe.add(ticket.externalSourceId);
    }
    const tickets = read.tickets.map((ticket) => ({ ...ticket, wouldBe: ticket.bridge === 'known' ? 'left as it is' : atTangoe.has(ticket.externalSourceId) ? 'linked' : 'created' }));
    return JSON.stringify({ dryRun: true, ...summary, wouldLink: atTangoe.size, wouldCreate: fresh.length - atTangoe.size, tickets }, null, 2);
  }
  const counts = await waitForGateway(gateway, client, fresh, args.waitSeconds * 1_000, pollMs);
  const done = counts.waiting === 0 && counts.notSeenYet === 0;
  return JSON.stringify({ dryRun: false, ...summary, published: fresh.length, ...counts, ...(done ? {} : { note: `the gateway is still at it after ${args.waitSeconds} s: run again with --dry-run later to see what is left` }) }, null, 2);
}

/** Polls the gateway until none of the tickets waits or is still unseen, or the time is up; the last counts. */
async function waitForGateway(gateway: AdminApi, client: string, tickets: string[], waitMs: number, pollMs: number): Promise<GatewayCounts> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const counts: GatewayCounts = { linkedToExisting: 0, created: 0, waiting: 0, parked: 0, notSeenYet: 0 };
    for (const batch of batches(tickets)) {
      const answer = (await gateway.post(`/admin/clients/${client}/onboarding/status`, { externalSourceIds: batch })) as GatewayCounts;
      for (const key of Object.keys(counts) as Array<keyof GatewayCounts>) counts[key] += answer[key];
    }
    if ((counts.waiting === 0 && counts.notSeenYet === 0) || Date.now() >= deadline) return counts;
    await sleep(pollMs);
  }
}

function batches<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += BATCH) out.push(items.slice(start, start + BATCH));
  return out;
}
