import type { GatewayClientStatus, NotifierClientStatus, ReconciliationStatus } from '@bridge/contracts';
import type { Reading } from '../peers/bridge-services';

/**
 * A client's health at a glance, worst first: `held` (its endpoint answered 410 and stays disabled until an operator
 * re-enables it), `paused` (by an operator), `failing` (work parked, its ITSM failing attempt after attempt, Tangoe's
 * polls failing, or its reconciliation failing), `unknown` (a service did not answer), `flowing`.
 */
export const CLIENT_HEALTHS = ['held', 'paused', 'failing', 'unknown', 'flowing'] as const;
export type ClientHealth = (typeof CLIENT_HEALTHS)[number];

/** Failed attempts in a row at a client's ITSM from which it counts as failing: one or two are the retries' daily bread. */
export const FAILING_STREAK = 3;

export interface ClientOverview {
  clientId: string;
  itsm: string | null;
  health: ClientHealth;
  /** Why the health is what it is, in words. */
  reasons: string[];
  paused: boolean;
  pauseReason: string | null;
  endpointDisabled: boolean;
  endpointSlowedUntil: string | null;
  waitingTowardTangoe: number | null;
  waitingTowardItsm: number | null;
  parked: number | null;
  itsmLastAnswerAt: string | null;
  itsmLastAnswer: string | null;
  itsmLastDeliveredAt: string | null;
  tangoeLastAnsweredAt: string | null;
  getsUsedLastMinute: number | null;
  getsPerMinute: number | null;
  lastReconciliationAt: string | null;
  lastReconciliationChanges: number | null;
}

export interface ClientReadings {
  gateway: Reading<GatewayClientStatus[]>;
  notifier: Reading<NotifierClientStatus[]>;
  reconciliation: Reading<ReconciliationStatus[]>;
}

/** Every client any service knows, each with what the three services said of it. */
export function clientOverviews(readings: ClientReadings): ClientOverview[] {
  const gateway = new Map((readings.gateway.ok ? readings.gateway.data : []).map((status) => [status.clientId, status]));
  const notifier = new Map((readings.notifier.ok ? readings.notifier.data : []).map((status) => [status.clientId, status]));
  const reconciliation = new Map((readings.reconciliation.ok ? readings.reconciliation.data : []).map((status) => [status.clientId, status]));
  const ids = [...new Set([...gateway.keys(), ...notifier.keys()])].sort();
  return ids.map((clientId) => overviewOf(clientId, gateway.get(clientId), notifier.get(clientId), reconciliation.get(clientId), readings));
}

function overviewOf(
  clientId: string,
  gateway: GatewayClientStatus | undefined,
  notifier: NotifierClientStatus | undefined,
  reconciliation: ReconciliationStatus | undefined,
  readings: ClientReadings,
): ClientOverview {
  const reasons: string[] = [];
  const endpointDisabled = Boolean(notifier?.endpointDisabledAt);
  const paused = Boolean(gateway?.paused || notifier?.paused);
  const parked = gateway && notifier ? gateway.parkedTowardTangoe + notifier.parkedTowardItsm : null;
  if (endpointDisabled) reasons.push(`its endpoint answered 410 Gone (${notifier?.endpointDisabledReason ?? 'no reason given'}): re-enable it once fixed`);
  if (paused) reasons.push(`paused${gateway?.paused !== notifier?.paused ? ` toward ${gateway?.paused ? 'Tangoe' : 'its ITSM'} only` : ''}${pauseReasonOf(gateway, notifier)}`);
  const failures: string[] = [];
  if (gateway?.parkedTowardTangoe) failures.push(`${gateway.parkedTowardTangoe} parked toward Tangoe`);
  if (notifier?.parkedTowardItsm) failures.push(`${notifier.parkedTowardItsm} parked toward its ITSM`);
  if (notifier && notifier.failuresSinceLastDelivered >= FAILING_STREAK) failures.push(`${notifier.failuresSinceLastDelivered} failed attempts at its ITSM since it last took one`);
  if (gateway?.tangoeLastError) failures.push(`Tangoe's last poll failed: ${gateway.tangoeLastError}`);
  if (reconciliation?.lastError) failures.push(`its last reconciliation failed: ${reconciliation.lastError}`);
  reasons.push(...failures);
  const silent = [!readings.gateway.ok && 'the gateway', !readings.notifier.ok && 'the notifier', !readings.reconciliation.ok && 'the ingress'].filter((name): name is string => Boolean(name));
  if (silent.length > 0) reasons.push(`${silent.join(' and ')} did not answer`);
  if (notifier?.endpointSlowedUntil) reasons.push(`its ITSM asked the bridge to wait until ${notifier.endpointSlowedUntil}`);
  const health: ClientHealth = endpointDisabled ? 'held' : paused ? 'paused' : failures.length > 0 ? 'failing' : silent.length > 0 ? 'unknown' : 'flowing';
  return {
    clientId,
    itsm: notifier?.itsm ?? null,
    health,
    reasons,
    paused,
    pauseReason: gateway?.pauseReason ?? notifier?.pauseReason ?? null,
    endpointDisabled,
    endpointSlowedUntil: notifier?.endpointSlowedUntil ?? null,
    waitingTowardTangoe: gateway?.waitingTowardTangoe ?? null,
    waitingTowardItsm: notifier?.waitingTowardItsm ?? null,
    parked,
    itsmLastAnswerAt: notifier?.itsmLastAnswerAt ?? null,
    itsmLastAnswer: notifier?.itsmLastAnswerAt ? `${notifier.itsmLastOutcome ?? ''}${notifier.itsmLastStatus !== null ? ` (HTTP ${notifier.itsmLastStatus})` : ' (no answer)'}` : null,
    itsmLastDeliveredAt: notifier?.itsmLastDeliveredAt ?? null,
    tangoeLastAnsweredAt: gateway?.tangoeLastAnsweredAt ?? null,
    getsUsedLastMinute: gateway?.getBudget.usedLastMinute ?? null,
    getsPerMinute: gateway?.getBudget.perMinute ?? null,
    lastReconciliationAt: reconciliation?.lastRunAt ?? null,
    lastReconciliationChanges: reconciliation ? reconciliation.lastChangesFound : null,
  };
}

function pauseReasonOf(gateway: GatewayClientStatus | undefined, notifier: NotifierClientStatus | undefined): string {
  const reason = gateway?.pauseReason ?? notifier?.pauseReason;
  return reason ? `: ${reason}` : '';
}

/** The columns the clients page sorts by, and how. */
export const CLIENT_SORTS = {
  client: (a: ClientOverview, b: ClientOverview) => a.clientId.localeCompare(b.clientId),
  health: (a: ClientOverview, b: ClientOverview) => CLIENT_HEALTHS.indexOf(a.health) - CLIENT_HEALTHS.indexOf(b.health) || a.clientId.localeCompare(b.clientId),
  toTangoe: (a: ClientOverview, b: ClientOverview) => (b.waitingTowardTangoe ?? 0) - (a.waitingTowardTangoe ?? 0) || a.clientId.localeCompare(b.clientId),
  toItsm: (a: ClientOverview, b: ClientOverview) => (b.waitingTowardItsm ?? 0) - (a.waitingTowardItsm ?? 0) || a.clientId.localeCompare(b.clientId),
  parked: (a: ClientOverview, b: ClientOverview) => (b.parked ?? 0) - (a.parked ?? 0) || a.clientId.localeCompare(b.clientId),
  gets: (a: ClientOverview, b: ClientOverview) => shareOf(b) - shareOf(a) || a.clientId.localeCompare(b.clientId),
} as const;
export type ClientSort = keyof typeof CLIENT_SORTS;

/** How each sort orders its column when not reversed: names and health from the first, counts from the largest. */
export const CLIENT_SORT_DIRECTIONS: Record<ClientSort, 'ascending' | 'descending'> = { client: 'ascending', health: 'ascending', toTangoe: 'descending', toItsm: 'descending', parked: 'descending', gets: 'descending' };

export interface ClientFilter {
  /** Part of the client's id or ITSM. */
  text?: string;
  health?: ClientHealth;
  sort?: ClientSort;
  descending?: boolean;
}

/** The overviews the operator asked for, in the order asked (worst health first by default). */
export function filterClients(overviews: readonly ClientOverview[], filter: ClientFilter): ClientOverview[] {
  const text = filter.text?.trim().toLowerCase();
  const kept = overviews.filter(
    (overview) => (!text || overview.clientId.includes(text) || (overview.itsm ?? '').toLowerCase().includes(text)) && (!filter.health || overview.health === filter.health),
  );
  const sorted = kept.sort(CLIENT_SORTS[filter.sort ?? 'health']);
  return filter.descending ? sorted.reverse() : sorted;
}

function shareOf(overview: ClientOverview): number {
  return overview.getsPerMinute ? (overview.getsUsedLastMinute ?? 0) / overview.getsPerMinute : 0;
}
