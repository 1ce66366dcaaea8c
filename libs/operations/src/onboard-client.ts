import { setTimeout as sleep } from 'node:timers/promises';
import type { OnboardedTicket, OnboardingReading } from '@bridge/contracts';
import type { AdminPeer } from '@bridge/drift';

/** How the gateway stands with the tickets an onboarding published. */
export interface OnboardingCounts {
  linkedToExisting: number;
  created: number;
  waiting: number;
  parked: number;
  notSeenYet: number;
}

export interface OnboardingSummary {
  clientId: string;
  since: string;
  recordsRead: number;
  openTickets: number;
  alreadyKnownToTheBridge: number;
}

/** A dry run: per ticket, what a run would do. */
export interface OnboardingPreview extends OnboardingSummary {
  dryRun: true;
  wouldLink: number;
  wouldCreate: number;
  tickets: Array<OnboardedTicket & { wouldBe: 'left as it is' | 'linked' | 'created' }>;
}

/** A run: what was published, and how the gateway stood with it when the wait ended. */
export interface OnboardingRun extends OnboardingSummary, OnboardingCounts {
  dryRun: false;
  published: number;
  /** Set when the wait ended before the gateway dealt with every ticket. */
  note?: string;
}

export interface OnboardingServices {
  ingress: AdminPeer;
  gateway: AdminPeer;
}

export interface OnboardingOptions {
  since?: string;
  dryRun: boolean;
  /** How long a run waits for the gateway to link or create every new ticket. */
  waitMs: number;
  pollMs?: number;
}

/** The gateway takes this many ticket keys a call (its JSON bodies stay under 100 KB). */
const BATCH = 1_000;

/**
 * A client's open tickets at its ITSM brought to Tangoe (`bridge onboard`, the console's onboarding). The ingress
 * reads them through the ITSM's API and publishes what the bridge does not know yet; the gateway links those Tangoe
 * already has a request for (by `external_source_id`) and creates the rest. A dry run publishes nothing and says,
 * ticket by ticket, what would happen; a run waits until the gateway has dealt with every new ticket, or `waitMs`.
 * A second run finds every ticket known and changes nothing.
 */
export async function onboardClient(services: OnboardingServices, clientId: string, options: OnboardingOptions): Promise<OnboardingPreview | OnboardingRun> {
  const client = encodeURIComponent(clientId);
  const read = (await services.ingress.post(`/admin/clients/${client}/onboard`, { dryRun: options.dryRun, ...(options.since ? { since: options.since } : {}) })) as OnboardingReading;
  const fresh = read.tickets.filter((ticket) => ticket.bridge === 'new').map((ticket) => ticket.externalSourceId);
  const summary: OnboardingSummary = { clientId: read.clientId, since: read.since, recordsRead: read.recordsRead, openTickets: read.tickets.length, alreadyKnownToTheBridge: read.tickets.length - fresh.length };
  if (options.dryRun) {
    const atTangoe = new Set<string>();
    for (const batch of batches(fresh)) {
      const { found } = (await services.gateway.post(`/admin/clients/${client}/tangoe-requests/lookup`, { externalSourceIds: batch })) as { found: Array<{ externalSourceId: string }> };
      for (const ticket of found) atTangoe.add(ticket.externalSourceId);
    }
    const tickets = read.tickets.map((ticket) => ({ ...ticket, wouldBe: ticket.bridge === 'known' ? ('left as it is' as const) : atTangoe.has(ticket.externalSourceId) ? ('linked' as const) : ('created' as const) }));
    return { dryRun: true, ...summary, wouldLink: atTangoe.size, wouldCreate: fresh.length - atTangoe.size, tickets };
  }
  const counts = await waitForGateway(services.gateway, client, fresh, options.waitMs, options.pollMs ?? 2_000);
  const done = counts.waiting === 0 && counts.notSeenYet === 0;
  return {
    dryRun: false,
    ...summary,
    published: fresh.length,
    ...counts,
    ...(done ? {} : { note: `the gateway is still at it after ${Math.round(options.waitMs / 1000)} s: run a dry run later to see what is left` }),
  };
}

/** Polls the gateway until none of the tickets waits or is still unseen, or the time is up; the last counts. */
async function waitForGateway(gateway: AdminPeer, client: string, tickets: string[], waitMs: number, pollMs: number): Promise<OnboardingCounts> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const counts: OnboardingCounts = { linkedToExisting: 0, created: 0, waiting: 0, parked: 0, notSeenYet: 0 };
    for (const batch of batches(tickets)) {
      const answer = (await gateway.post(`/admin/clients/${client}/onboarding/status`, { externalSourceIds: batch })) as OnboardingCounts;
      for (const key of Object.keys(counts) as Array<keyof OnboardingCounts>) counts[key] += answer[key];
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
