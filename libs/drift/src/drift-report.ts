import { BridgeError } from '@bridge/errors';
import type { DriftItem, DriftRepair } from './drift-item';
import { DRIFT_ROUTES } from './drift-routes';
import type { ItsmSide, TangoeSide } from './drift-sides';
import { findDrift } from './find-drift';

/** One service's admin API, as the CLI and the console each call it (with the shared admin token). */
export interface AdminPeer {
  get(path: string): Promise<unknown>;
  post(path: string, body?: unknown): Promise<unknown>;
}

/** The services a drift report asks, and the client's resume both ways (the gateway, then the notifier). */
export interface DriftPeers {
  ingress: AdminPeer;
  gateway: AdminPeer;
  resumeClient(clientId: string): Promise<unknown>;
}

export interface DriftReport {
  clientId: string;
  /** The earliest ITSM change the read took in: tickets unchanged since are not compared. */
  since: string;
  recordsRead: number;
  tangoeReadAt: string;
  paused?: TangoeSide['pause'];
  items: DriftItem[];
}

export interface DriftRepairOutcome {
  clientId: string;
  externalSourceId: string;
  kind: DriftItem['kind'];
  reason: string;
  repair: DriftRepair;
  /** The answer of the service that made the repair. */
  answer: unknown;
}

/** Why a repair was not made: the ticket is in step, or its drift has no automatic repair. */
export type DriftRepairRefusal = 'in_step' | 'no_repair';

/** A repair not made. Not worth retrying as it is. */
export class DriftRepairRefused extends BridgeError<DriftRepairRefusal> {
  constructor(
    code: DriftRepairRefusal,
    message: string,
    readonly item?: DriftItem,
  ) {
    super(code, message, { retriable: false });
  }
}

/**
 * The client's drift: the ingress reads its ITSM (one walk through the client's read budget, from `since`, 30 days
 * back by default), then the gateway reads its Tangoe afresh (one GET per 999 requests). Tangoe is read last, so
 * what the bridge did while the walk went on shows on it. `tickets` narrows both answers to those keys (a repair's
 * check); the walk still reads the whole window.
 */
export async function readDrift(peers: DriftPeers, clientId: string, options: { since?: string; tickets?: readonly string[] } = {}): Promise<DriftReport> {
  const itsm = (await peers.ingress.post(DRIFT_ROUTES.itsmSide(clientId), {
    ...(options.since ? { since: options.since } : {}),
    ...(options.tickets ? { tickets: options.tickets } : {}),
  })) as ItsmSide;
  const tangoe = (await peers.gateway.get(DRIFT_ROUTES.tangoeSide(clientId, options.tickets))) as TangoeSide;
  return {
    clientId,
    since: itsm.since,
    recordsRead: itsm.recordsRead,
    tangoeReadAt: tangoe.readAt,
    ...(tangoe.pause ? { paused: tangoe.pause } : {}),
    items: findDrift(itsm, tangoe),
  };
}

/**
 * One ticket's repair: its drift computed again first (the report it came from may be old), then the one action
 * that repair names. Refused when the ticket is in step now, or when its drift has no automatic repair.
 */
export async function repairDrift(peers: DriftPeers, clientId: string, externalSourceId: string, options: { since?: string } = {}): Promise<DriftRepairOutcome> {
  const report = await readDrift(peers, clientId, { since: options.since, tickets: [externalSourceId] });
  const item = report.items.find((candidate) => candidate.externalSourceId === externalSourceId);
  if (!item) {
    throw new DriftRepairRefused(
      'in_step',
      `${externalSourceId} of client ${clientId} shows no drift in the ITSM read since ${report.since} and Tangoe's list of ${report.tangoeReadAt}: it is in step ` +
        '(or unchanged at the ITSM since then: give the --since of the report that listed it). Nothing was done',
    );
  }
  if (!item.repair) throw new DriftRepairRefused('no_repair', `${externalSourceId} is ${item.kind} and has no automatic repair: ${item.reason}`, item);
  const answer = await runRepair(peers, clientId, externalSourceId, item.repair, report.since);
  return { clientId, externalSourceId, kind: item.kind, reason: item.reason, repair: item.repair, answer };
}

function runRepair(peers: DriftPeers, clientId: string, ticket: string, repair: DriftRepair, since: string): Promise<unknown> {
  switch (repair.action) {
    case 'onboard':
      // The same window as the check that found it: onboarding walks it again, publishing only this ticket.
      return peers.ingress.post(DRIFT_ROUTES.onboard(clientId), { tickets: [ticket], since });
    case 'replay':
      return peers.gateway.post(DRIFT_ROUTES.replay(clientId, ticket));
    case 'resume':
      return peers.resumeClient(clientId);
    case 'send_client_state':
      return peers.ingress.post(DRIFT_ROUTES.clientState(clientId, ticket), { state: repair.state, itsmStatusChangeId: repair.itsmStatusChangeId });
    case 'redeliver_tangoe_state':
      return peers.gateway.post(DRIFT_ROUTES.tangoeState(clientId, ticket), { supportRequestId: repair.supportRequestId, itsmStatusChangeId: repair.itsmStatusChangeId });
    default:
      return assertUnreachable(repair);
  }
}

function assertUnreachable(value: never): never {
  throw new Error(`unknown drift repair ${JSON.stringify(value)}`);
}
