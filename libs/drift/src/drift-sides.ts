/**
 * What each side says about a client's tickets, as the two admin APIs answer it: the ingress reads the client's
 * ITSM (`POST /admin/clients/{id}/drift/itsm`), the gateway reads Tangoe afresh and joins its ticket links
 * (`GET /admin/clients/{id}/drift/tangoe`). Plain data, so the comparison is pure and the same everywhere.
 */

/** How a ticket ends on the client's side (the client's `mapping.clientStates`, else the ITSM's defaults). */
export type ClientEndState = 'resolved' | 'closed' | 'canceled';

/** A ticket the client's routing takes, as its ITSM's API reads it now. */
export interface ItsmTicket {
  externalSourceId: string;
  title?: string;
  /** Absent while the ticket is open on the client's side. */
  endedAs?: ClientEndState;
  /** The ITSM's status as it writes it (a code, a name). */
  status?: string;
  /**
   * What tells this status move from another (a modification count, a changelog id, a time): part of a repair's
   * event id, so the same drift repaired twice is one repair, and the same drift come back is a new one.
   */
  statusChangeId?: string;
  /** The ingress published the ticket once (a webhook, reconciliation or onboarding brought it to the bridge). */
  knownToBridge: boolean;
}

export interface ItsmSide {
  clientId: string;
  /** The earliest change the read took in: tickets unchanged since are not in `tickets`. */
  since: string;
  recordsRead: number;
  tickets: ItsmTicket[];
}

/** One support request at Tangoe, as its list gives it. */
export interface TangoeRequest {
  id: number;
  state: string;
  updatedAt: string;
}

/** The gateway's ticket link (`ticket_links`) and what waits in the ticket's line. */
export interface TicketLinkView {
  status: 'creating' | 'linked' | 'parked';
  supportRequestId: number | null;
  /** Tangoe's state as the poll last saw it. */
  tangoeState: string | null;
  /** The state the client itself set at Tangoe (its cancel or close). */
  clientSetState: string | null;
  lastError: string | null;
  createAttempts: number;
  /** The ticket's comments and state changes waiting in its line for Tangoe. */
  waitingEvents: number;
}

/** Everything the Tangoe side knows of one ticket key: its requests (oldest first) and the gateway's link. */
export interface TangoeTicket {
  externalSourceId: string;
  requests: TangoeRequest[];
  link?: TicketLinkView;
}

export interface TangoeSide {
  clientId: string;
  /** When Tangoe's list was read. */
  readAt: string;
  /** Set while an operator has the client paused at the gateway. */
  pause?: { pausedAt: string; reason: string | null };
  tickets: TangoeTicket[];
}
