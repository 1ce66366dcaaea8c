import type { RunningSandbox } from '../../../apps/sandbox/src/start-sandbox';
import type { ServiceNowInstance } from '../../../apps/sandbox/src/servicenow/servicenow-instance';
import { BRIDGE_USER } from './bridge-system';
import type { ItsmDesk } from './itsm-desks';
import { ActivityOutcome, AWAITING_CUSTOMER_NOTE, EXTERNALLY_QUEUED_NOTE, RITM_STATES, TicketOutcome } from './workload';

export interface Difference {
  subject: string;
  problem: string;
}

export interface EffectCounts {
  supportRequests: number;
  interactions: number;
  clientNotes: number;
  itsmStateChanges: number;
  tangoeStateChanges: number;
  activityUpdates: number;
  mirroredRecords: number;
  tangoeGets: number;
  maxGetsInAnyMinute: number;
  /**
   * ITSM webhooks that never reached the ingress (lost on ServiceNow's lossy path, or failed for good after the
   * vendor's retries: the ingress was down), and ServiceNow's sent twice or late.
   */
  webhooksLost: number;
  webhooksTwice: number;
  webhooksLate: number;
}

/**
 * The run's effects as the sandboxes recorded them, compared with what the input must have caused: each expected
 * effect exactly once, nothing more, in order per ticket and per direction. Differences are named ticket by ticket.
 */
export function auditEffects(sandbox: RunningSandbox, desks: ReadonlyMap<string, ItsmDesk>, tickets: TicketOutcome[], activities: ActivityOutcome[], getsPerMinute: number): { differences: Difference[]; counts: EffectCounts } {
  const differences: Difference[] = [];
  const counts: EffectCounts = { supportRequests: 0, interactions: 0, clientNotes: 0, itsmStateChanges: 0, tangoeStateChanges: 0, activityUpdates: 0, mirroredRecords: 0, tangoeGets: 0, maxGetsInAnyMinute: 0, webhooksLost: 0, webhooksTwice: 0, webhooksLate: 0 };
  const patches = new Map([...sandbox.servicenow.byName].map(([client, instance]) => [client, bridgePatchesByRecord(instance)]));
  const patchesOf = (client: string, sysId: string) => patches.get(client)?.get(sysId) ?? [];
  const requestsByTicket = new Map<string, ReturnType<RunningSandbox['tangoe']['store']['all']>>();
  for (const request of sandbox.tangoe.store.all()) {
    const key = `${request.company}:${request.external_source_id}`;
    requestsByTicket.set(key, [...(requestsByTicket.get(key) ?? []), request]);
  }

  for (const outcome of tickets) {
    const { plan } = outcome;
    const subject = `${plan.client}:${outcome.key ?? `#${plan.index}`}`;
    const differ = (problem: string) => differences.push({ subject, problem });
    if (outcome.failure) differ(`the run stopped waiting: ${outcome.failure}`);
    if (!outcome.key) continue;
    const desk = desks.get(plan.client)!;
    const [c1, c2, c3] = plan.clientComments;
    const [t1, t2] = plan.specialistNotes;

    const requests = requestsByTicket.get(`${plan.client}:${outcome.key}`) ?? [];
    requestsByTicket.delete(`${plan.client}:${outcome.key}`);
    if (requests.length !== 1) differ(`${requests.length} support requests at Tangoe, expected 1`);
    const request = requests[0];
    if (request) {
      counts.supportRequests += 1;
      const [opening, ...rest] = request.interactions.map((interaction) => interaction.text);
      if (!opening?.includes(plan.title)) differ(`the first interaction does not carry the ticket's title: ${JSON.stringify(opening)}`);
      compareMultiset(rest, [c1, c2, c3, t1, t2], 'interactions at Tangoe', differ);
      keepsOrder(rest, [c1, c2, c3], "the caller's comments at Tangoe", differ);
      counts.interactions += rest.length;
      const expectedState = plan.ending === 'tangoe-closes' ? 'closed' : desk.endsAs;
      if (request.state !== expectedState) differ(`Tangoe state ${request.state}, expected ${expectedState}`);
      if (plan.ending === 'client-ends') {
        const ends = request.history.filter((change) => change.to_state === desk.endsAs && change.by !== 'specialist');
        if (ends.length !== 1) differ(`${ends.length} client ${desk.endsAs} changes at Tangoe, expected 1`);
        counts.tangoeStateChanges += ends.length;
      }
    }

    const bridgeNotes = desk.bridgeNotes(outcome.key);
    const notesBeforeClose = [t1, EXTERNALLY_QUEUED_NOTE, t2, AWAITING_CUSTOMER_NOTE];
    const closeNote = outcome.closeNote ?? '(closed before the run saw its last note)';
    // The close's note is the last interaction: written again by ServiceNow's close, left out by the others when the
    // bridge already wrote it as a note (the specialist's t2).
    const closeWrites = plan.ending === 'tangoe-closes' && (desk.closeRepeatsNote || !notesBeforeClose.includes(closeNote));
    sameList(bridgeNotes, [...notesBeforeClose, ...(closeWrites ? [closeNote] : [])], `the bridge's notes in ${desk.itsm}`, differ);
    counts.clientNotes += bridgeNotes.length;
    sameList(desk.callerComments(outcome.key), [c1, c2, c3], `the caller's comments in ${desk.itsm}`, differ);
    const expectedStatus = plan.ending === 'tangoe-closes' ? desk.statuses.closed : desk.statuses.ended;
    if (desk.status(outcome.key) !== expectedStatus) differ(`${desk.itsm} status ${desk.status(outcome.key)}, expected ${expectedStatus}`);
    const closeNotes = desk.closeNotes?.(outcome.key);
    if (plan.ending === 'tangoe-closes' && desk.closeNotes && closeNotes !== outcome.closeNote) differ(`close notes ${JSON.stringify(closeNotes)}, expected the last interaction ${JSON.stringify(outcome.closeNote)}`);
    const statusWrites = desk.bridgeStatusWrites(outcome.key);
    const { queued, awaiting, closed } = desk.statuses;
    sameList(statusWrites, plan.ending === 'tangoe-closes' ? [queued, awaiting, closed] : [queued, awaiting], `the bridge's status changes in ${desk.itsm}`, differ);
    counts.itsmStateChanges += statusWrites.length;
  }
  for (const [ticket, extra] of requestsByTicket) differences.push({ subject: ticket, problem: `${extra.length} support request(s) at Tangoe for a ticket nobody opened` });

  for (const outcome of activities) {
    const { plan } = outcome;
    const subject = `${plan.client}:activity-${outcome.activityId ?? `#${plan.index}`}`;
    const differ = (problem: string) => differences.push({ subject, problem });
    if (outcome.failure) differ(`the run stopped waiting: ${outcome.failure}`);
    if (outcome.activityId === undefined) continue;
    const instance = sandbox.servicenow.get(plan.client);
    const expected = plan.ending === 'completed' ? [RITM_STATES.ordered, RITM_STATES.on_back_order, RITM_STATES.completed] : [RITM_STATES.ordered, RITM_STATES.cancelled];
    let sysId = outcome.ritmSysId;
    if (plan.mode === 'mirror') {
      const mirrors = [...instance.records.values()].filter((record) => record.correlation_id === `tangoe-activity-${outcome.activityId}`);
      if (mirrors.length !== 1) differ(`${mirrors.length} mirrored records, expected 1`);
      counts.mirroredRecords += mirrors.length;
      sysId = mirrors[0]?.sys_id;
    }
    if (!sysId) continue;
    const states = patchesOf(plan.client, sysId).map((body) => String(body.state));
    sameList(states, expected, 'the activity\'s states in ServiceNow', differ);
    if (instance.journalOf(sysId).filter((entry) => entry.sys_created_by === BRIDGE_USER).length !== expected.length) differ(`${instance.journalOf(sysId).length} work notes on the activity's record, expected ${expected.length}`);
    counts.activityUpdates += states.length;
  }

  for (const [client, desk] of desks) {
    // A webhook the ingress could not take (killed, 503) is lost once the vendor's retries end: the doorbell read and
    // reconciliation find its change. A body the ingress refused (4xx) would be a defect.
    const failures = desk.webhookFailures();
    const refused = failures.filter((failure) => /: 4\d\d( |$)/.test(failure));
    if (refused.length > 0) differences.push({ subject: client, problem: `the ingress refused ${refused.length} of ${desk.itsm}'s webhooks: ${refused.slice(0, 3).join('; ')}` });
    const faults = desk.webhookFaults();
    counts.webhooksLost += faults.filter((fault) => fault.endsWith(': lost')).length + failures.length - refused.length;
    counts.webhooksTwice += faults.filter((fault) => fault.endsWith(': sent twice')).length;
    counts.webhooksLate += faults.filter((fault) => / ms late$/.test(fault)).length;
    const apiUser = `${client}-api`;
    const gets = sandbox.tangoe.requestsOf(apiUser).filter((request) => request.method === 'GET');
    counts.tangoeGets += gets.length;
    const max = sandbox.tangoe.maxGetsInAnyWindow(apiUser, 60_000);
    counts.maxGetsInAnyMinute = Math.max(counts.maxGetsInAnyMinute, max);
    if (max > getsPerMinute) differences.push({ subject: client, problem: `${max} GETs granted in one 60 s window, over the budget of ${getsPerMinute}` });
    const limited = gets.filter((request) => request.status === 429 && request.fault !== 'rate-limit').length;
    if (limited > 0) differences.push({ subject: client, problem: `${limited} GETs refused by Tangoe's own limit (429 not injected)` });
  }
  return { differences, counts };
}

/** The bodies of the bridge's successful PATCHes by record, in the order ServiceNow took them (one pass over the calls). */
function bridgePatchesByRecord(instance: ServiceNowInstance): Map<string, Array<Record<string, unknown>>> {
  const byRecord = new Map<string, Array<Record<string, unknown>>>();
  for (const call of instance.calls) {
    if (call.method !== 'PATCH' || !call.sysId || call.user !== BRIDGE_USER || call.status !== 200) continue;
    byRecord.set(call.sysId, [...(byRecord.get(call.sysId) ?? []), call.body ?? {}]);
  }
  return byRecord;
}

function sameList(actual: string[], expected: string[], what: string, differ: (problem: string) => void): void {
  if (actual.length !== expected.length || actual.some((value, i) => value !== expected[i])) differ(`${what}: ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
}

function compareMultiset(actual: string[], expected: string[], what: string, differ: (problem: string) => void): void {
  const remaining = [...actual];
  const missing: string[] = [];
  for (const value of expected) {
    const at = remaining.indexOf(value);
    if (at === -1) missing.push(value);
    else remaining.splice(at, 1);
  }
  if (missing.length > 0) differ(`${what}: missing ${JSON.stringify(missing)}`);
  if (remaining.length > 0) differ(`${what}: extra ${JSON.stringify(remaining)}`);
}

function keepsOrder(actual: string[], order: string[], what: string, differ: (problem: string) => void): void {
  const seen = actual.filter((value) => order.includes(value));
  if (seen.some((value, i) => order.indexOf(value) < order.indexOf(seen[i - 1] ?? order[0]))) differ(`${what} out of order: ${JSON.stringify(seen)}`);
}
