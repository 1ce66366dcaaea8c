/**
 * The header in which a caller of the admin API names its operator (the CLI sends `login@host`): the audit log's
 * "who", with the caller's address. What a caller says of itself, never used to decide access (docs/security.md).
 */
export const ADMIN_OPERATOR_HEADER = 'x-bridge-operator';

/**
 * What the services' admin APIs answer to the operators' console: the shapes the services return and the console
 * reads, typed once here so neither side drifts from the other.
 */

/** `GET /admin/client-status` at the gateway: a configured client toward its Tangoe. */
export interface GatewayClientStatus {
  clientId: string;
  paused: boolean;
  pausedAt: string | null;
  pauseReason: string | null;
  /** Client-side events in the client's tickets' lines, waiting for Tangoe (parked ones not counted). */
  waitingTowardTangoe: number;
  parkedTowardTangoe: number;
  /** When Tangoe last answered one of the client's polls; the error of a stream whose last poll failed. */
  tangoeLastAnsweredAt: string | null;
  tangoeLastError: string | null;
  /** The GETs the client's API user spent in the last minute, of the limit Tangoe sets it. */
  getBudget: { apiUser: string; usedLastMinute: number; perMinute: number };
}

/** `GET /admin/client-status` at the notifier: a configured client toward its ITSM. */
export interface NotifierClientStatus {
  clientId: string;
  itsm: string;
  paused: boolean;
  pausedAt: string | null;
  pauseReason: string | null;
  /** Set while the endpoint is disabled by a 410 Gone, until an operator re-enables it. */
  endpointDisabledAt: string | null;
  endpointDisabledReason: string | null;
  /** Set while the endpoint is slowed down (429/502/504, Retry-After): nothing is sent to it before then. */
  endpointSlowedUntil: string | null;
  waitingTowardItsm: number;
  parkedTowardItsm: number;
  itsmLastDeliveredAt: string | null;
  itsmLastAnswerAt: string | null;
  itsmLastOutcome: string | null;
  /** The HTTP status of the ITSM's last answer; null when the connection failed. */
  itsmLastStatus: number | null;
  failuresSinceLastDelivered: number;
}

/** `GET /admin/reconciliation` at the ingress: one client's reading of its ITSM. */
export interface ReconciliationStatus {
  clientId: string;
  watermark: string;
  nextRunAt: string;
  running: boolean;
  lastRunAt?: string;
  lastRecordsRead: number;
  /** Tickets whose change the webhooks had not brought: the drift the last run found and mended. */
  lastChangesFound: number;
  lastError?: string | null;
}

/** The most tickets the gateway's search answers with, newest change first. */
export const TICKET_SEARCH_LIMIT = 50;

/** `GET /admin/tickets?q=` at the gateway: a ticket a search found. */
export interface TicketFound {
  clientId: string;
  externalSourceId: string;
  supportRequestId: number | null;
  status: 'creating' | 'linked' | 'parked';
  title: string | null;
  updatedAt: string;
}

/** A ticket an onboarding found open at the client's ITSM (`POST /admin/clients/{id}/onboard` at the ingress). */
export interface OnboardedTicket {
  externalSourceId: string;
  title: string;
  openedAt: string;
  comments: number;
  /** Published now (`new`), or published before by a webhook, reconciliation or an earlier onboarding (`known`). */
  bridge: 'new' | 'known';
}

/** The ingress's answer to an onboarding: what it read at the ITSM, ticket by ticket. */
export interface OnboardingReading {
  clientId: string;
  dryRun: boolean;
  since: string;
  recordsRead: number;
  tickets: OnboardedTicket[];
}
