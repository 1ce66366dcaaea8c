import type { ClientStateCodes } from './client-states';
import type { PastedBody } from './pasted-body';
import type { TicketFactName } from './support-request-mapper';

/**
 * What one ITSM payload says, in the terms every ITSM shares. A dialect reads its vendor's payloads (webhooks in
 * every shape the vendor sends, and records as its REST API returns them) into this; the one inbound pipeline
 * (`inbound-pipeline.ts`) does the rest alike for every ITSM: routing, echoes, the client's mapping, the events.
 */
export interface InboundReading {
  /**
   * What the payload reports: a record created or updated, a comment added (a webhook), or a record as it is now
   * (the vendor's API, for reconciliation and `bridge normalize`), with whatever comments it carries.
   */
  change: 'created' | 'updated' | 'commented' | 'read';
  record: RecordView;
  /** Who made the reported change, in the id the client's `outbound.integrationUser` names: the bridge's own is an echo. */
  actor?: string;
  /** Who created the record: a record the bridge created is a mirrored order, never the client's request. */
  createdBy?: string;
  /** In the order they were written. */
  comments: CommentReading[];
  /** The record's status when the payload says it moved (a webhook), or whatever it is now (a record read). */
  status?: StatusReading;
}

/** A payload the dialect reads well that means nothing to sync (a Zendesk user event, say). */
export interface NothingToSync {
  nothingToSync: string;
}

export interface RecordView {
  /** The ticket's key at the ITSM, the bridge's `externalSourceId`: INC0010001, MOB-12, 42. */
  key: string;
  /** The ITSM's own id of the record, in the event ids (unchanged across payload shapes, so each fact is published once). */
  idParts: ReadonlyArray<string>;
  /** How messages name it: "INC0010001", "ticket 42". */
  label: string;
  recordType?: string;
  /** When it was opened, as the ITSM writes times. */
  openedAt?: string;
  /** A field by the dotted path a mapping names (routing rules, `mapping.fields`), as text. */
  read(path: string): string | undefined;
  /** Where that field sits in the payload, to name it in a refusal. */
  pathOf(path: string): string;
}

export interface CommentReading {
  commentId: string;
  text: string;
  author?: string;
  /** The author's id, compared with `outbound.integrationUser`. */
  authorId?: string;
  visibility: 'public' | 'internal';
  createdAt?: string;
  idParts: ReadonlyArray<string>;
}

export interface StatusReading {
  /** The status as the ITSM writes it: a code, a name. */
  value: string;
  /** Tells this move from another into the same status (with a modification count, a changelog id, a time). */
  changeId: string;
  changedAt?: string;
  note?: string;
  /** Who set it, when the payload says (a record read): the bridge's own close is no client close. */
  by?: string;
  idParts: ReadonlyArray<string>;
}

/**
 * Who set a record's status and when, where the record itself does not say and its reader asked the ITSM's history
 * (Zendesk's ticket audits, Freshservice's ticket activities). Unknown, a read's status is no client close.
 */
export interface StatusSetter {
  by?: string;
  at?: string;
}

/** One ITSM's vocabulary: how its payloads read, and its defaults for a client's mapping. */
export interface ItsmDialect {
  /**
   * Reads a payload, or throws `InboundPayloadError` naming what it cannot read. `deliveryId` is the vendor's id of
   * this delivery, the same on its retries (Jira's `X-Atlassian-Webhook-Identifier`), where it sends one.
   */
  read(payload: unknown, deliveryId: string | undefined): InboundReading | NothingToSync;
  /**
   * Reads a record as the vendor's API returns it with its comments as the API returns those (what reconciliation
   * reads), into the same reading as the record's webhooks give, with the same ids.
   */
  readApi(record: unknown, comments: readonly unknown[]): InboundReading;
  /** Where a ticket's facts are found by default; `mapping.fields` renames any. */
  readonly defaultFields: Readonly<Record<TicketFactName, string>>;
  /** The statuses that end a ticket on the client's side, per record type where they differ. */
  clientStates(recordType: string | undefined): ClientStateCodes;
  /** Facts written in the ITSM's HTML (Freshservice and Helix descriptions), read as text. */
  readonly htmlFacts?: ReadonlyArray<TicketFactName>;
  /** The bodies the bridge documents for the admin to paste, read by their skeleton (`pasted-body.ts`). */
  readonly pastedBodies?: ReadonlyArray<PastedBody>;
  /**
   * Whether a read of the vendor's API reliably says who set a record's status (ServiceNow, Jira's changelog, Helix,
   * Zendesk's ticket audits), so that a read finds a client's close whose webhook was lost: the ingress may then
   * answer a close's webhook 503 when its doorbell read cannot be made now, and leave the close to reconciliation.
   * Freshservice's activities say it in words (" set Status as Closed"), which a custom status or a renamed one
   * defeats: a read finds most closes there, but its close webhook is never put off on a read.
   */
  readonly readsStatusSetter: boolean;
  /** The header carrying the vendor's delivery id, if it sends one. */
  readonly deliveryIdHeader?: string;
}
