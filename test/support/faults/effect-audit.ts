import type { RunningSandbox } from '../../../apps/sandbox/src/start-sandbox';
import type { ServiceNowInstance } from '../../../apps/sandbox/src/servicenow/servicenow-instance';
import { BRIDGE_USER, CALLER } from './bridge-system';
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
  /** ServiceNow webhooks that never reached the ingress (lost on the way, or the ingress was down), sent twice, sent late. */
  webhooksLost: number;
  webhooksTwice: number;
  webhooksLate: number;
}

/**
 * The run's effects as the sandboxes recorded them, compared with what the input must have caused: each expected
 * effect exactly once, nothing more, in order per ticket and per direction. Differences are named ticket by ticket.
 */
export function auditEffects(sandbox: RunningSandbox, tickets: TicketOutcome[], activities: ActivityOutcome[], getsPerMinute: number): { differences: Difference[]; counts: EffectCounts } {
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
    const subject = `${plan.client}:${outcome.number ?? `#${plan.index}`}`;
    const differ = (problem: string) => differences.push({ subject, problem });
    if (outcome.failure) differ(`the run stopped waiting: ${outcome.failure}`);
    if (!outcome.sysId) continue;
    const instance = sandbox.servicenow.get(plan.client);
    const [c1, c2, c3] = plan.clientComments;
    const [t1, t2] = plan.specialistNotes;

    const requests = requestsByTicket.get(`${plan.client}:${outcome.number}`) ?? [];
    requestsByTicket.delete(`${plan.client}:${outcome.number}`);
    if (requests.length !== 1) differ(`${requests.length} support requests at Tangoe, expected 1`);
    const request = requests[0];
    if (request) {
      counts.supportRequests += 1;
      const [opening, ...rest] = request.interactions.map((interaction) => interaction.text);
      if (!opening?.includes(plan.title)) differ(`the first interaction does not carry the ticket's title: ${JSON.stringify(opening)}`);
      compareMultiset(rest, [c1, c2, c3, t1, t2], 'interactions at Tangoe', differ);
      keepsOrder(rest, [c1, c2, c3], 'the caller\'s comments at Tangoe', differ);
      counts.interactions += rest.length;
      const expectedState = plan.ending === 'tangoe-closes' ? 'closed' : 'canceled';
      if (request.state !== expectedState) differ(`Tangoe state ${request.state}, expected ${expectedState}`);
      if (plan.ending === 'client-cancels') {
        const cancels = request.history.filter((change) => change.to_state === 'canceled' && change.by !== 'specialist');
        if (cancels.length !== 1) differ(`${cancels.length} client cancels at Tangoe, expected 1`);
        counts.tangoeStateChanges += cancels.length;
      }
    }

    const journal = instance.journalOf(outcome.sysId);
    const bridgeNotes = journal.filter((entry) => entry.sys_created_by === BRIDGE_USER).map((entry) => entry.value);
    const expectedNotes = [t1, EXTERNALLY_QUEUED_NOTE, t2, AWAITING_CUSTOMER_NOTE, ...(plan.ending === 'tangoe-closes' ? [outcome.closeNote ?? '(closed before the run saw its last note)'] : [])];
    sameList(bridgeNotes, expectedNotes, 'the bridge\'s work notes in ServiceNow', differ);
    counts.clientNotes += bridgeNotes.length;
    sameList(journal.filter((entry) => entry.sys_created_by === CALLER).map((entry) => entry.value), [c1, c2, c3], 'the caller\'s comments in ServiceNow', differ);
    const record = instance.records.get(outcome.sysId);
    const expectedState = plan.ending === 'tangoe-closes' ? '7' : '8';
    if (record?.state !== expectedState) differ(`ServiceNow state ${record?.state}, expected ${expectedState}`);
    if (plan.ending === 'tangoe-closes' && record?.close_notes !== outcome.closeNote) differ(`close notes ${JSON.stringify(record?.close_notes)}, expected the last interaction ${JSON.stringify(outcome.closeNote)}`);
    const statePatches = patchesOf(plan.client, outcome.sysId).filter((body) => body.state !== undefined).map((body) => String(body.state));
    sameList(statePatches, plan.ending === 'tangoe-closes' ? ['3', '3', '7'] : ['3', '3'], 'the bridge\'s state changes in ServiceNow', differ);
    counts.itsmStateChanges += statePatches.length;
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

  for (const [client, instance] of sandbox.servicenow.byName) {
    // A webhook the ingress could not take (killed, 503) is lost, as ServiceNow posts once: the doorbell read and
    // reconciliation find its change. A body the ingress refused (4xx) would be a defect.
    const refused = instance.webhookFailures.filter((failure) => /: 4\d\d( |$)/.test(failure));
    if (refused.length > 0) differences.push({ subject: client, problem: `the ingress refused ${refused.length} of ServiceNow's webhooks: ${refused.slice(0, 3).join('; ')}` });
    counts.webhooksLost += instance.webhookNetwork.faulted.filter((fault) => fault.endsWith(': lost')).length + instance.webhookFailures.length - refused.length;
    counts.webhooksTwice += instance.webhookNetwork.faulted.filter((fault) => fault.endsWith(': sent twice')).length;
    counts.webhooksLate += instance.webhookNetwork.faulted.filter((fault) => / ms late$/.test(fault)).length;
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
