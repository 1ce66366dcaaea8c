import type { ClientEndState } from './drift-sides';

/**
 * Why a ticket's two sides disagree. Each ticket is one kind at most: the first that applies in this order, since an
 * earlier kind holds the later ones back (a parked ticket's line waits for its replay whatever else is true).
 */
export const DRIFT_KINDS = [
  /** The gateway parked it: Tangoe refused it, or failures outlasted the retries. */
  'parked',
  /** The bridge holds it back: the client is paused, or its creation or its changes are on their way. */
  'held',
  /** Open at the ITSM, routed, and no request at Tangoe. */
  'not_at_tangoe',
  /** Open at the ITSM and at Tangoe, but the bridge never linked the two: nothing either side does is carried. */
  'unlinked',
  /** Ended on the client's side, Tangoe's request still open. */
  'ended_at_itsm_only',
  /** Tangoe closed or canceled the request, the ticket is open at the ITSM. */
  'ended_at_tangoe_only',
  /** An open request at Tangoe for a key the ITSM's read did not return. */
  'only_at_tangoe',
] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

/** One action that brings the ticket back in step, and what it needs. */
export type DriftRepair =
  /** The ingress publishes the ticket as onboarding would; the gateway links it to Tangoe's request or creates one. */
  | { action: 'onboard' }
  /** The gateway's replay of the parked ticket. */
  | { action: 'replay' }
  /** The client's resume (gateway and notifier), which sends everything the pause held. */
  | { action: 'resume' }
  /** The client's end, sent to Tangoe as the client's own state change, in the ticket's line. */
  | { action: 'send_client_state'; state: ClientEndState; itsmStatusChangeId?: string }
  /** Tangoe's state, read again and published for the notifier as the poll would. */
  | { action: 'redeliver_tangoe_state'; supportRequestId: number; itsmStatusChangeId?: string };
export type DriftAction = DriftRepair['action'];
export const DRIFT_ACTIONS: readonly DriftAction[] = ['onboard', 'replay', 'resume', 'send_client_state', 'redeliver_tangoe_state'];

export interface DriftItem {
  externalSourceId: string;
  kind: DriftKind;
  /** Plain words for the operator: what each side says, and what the repair does or why there is none. */
  reason: string;
  /** What each side says, as the report saw it. */
  itsm?: { state: 'open' | 'ended'; endedAs?: ClientEndState; status?: string; knownToBridge: boolean };
  tangoe?: { supportRequestId?: number; state?: string; link?: string };
  repair?: DriftRepair;
}
