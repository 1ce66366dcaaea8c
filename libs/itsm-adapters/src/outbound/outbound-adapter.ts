import type { AxiosInstance } from 'axios';
import type { ClientConfig, OutboundKind } from '@bridge/clients-config';
import type { EarlierAttempt } from './earlier-attempt';
import type { RecordIdRules } from './record-ids';

/** What the notifier sends for one update: the body its template rendered, for the record named by number. */
export interface RenderedUpdate {
  kind: OutboundKind;
  /** The value that finds the client's record: its number, unless `lookupField` names another field. */
  recordNumber: string;
  body: Record<string, unknown>;
  /** The record field `recordNumber` is matched on (a mirrored activity's record: `correlation_id`). */
  lookupField?: string;
  /** Creates the record instead of updating it (a mirrored activity's first update). */
  create?: boolean;
}

/** The HTTP request(s) an adapter will make, for `bridge render` and the delivery log. */
export interface RequestPreview {
  method: string;
  url: string;
  body: unknown;
}

/** An answer from the ITSM: what the notifier needs to decide between delivered, retry and park. */
export interface SendResult {
  status: number;
  body: string;
  retryAfter?: string;
  /** The record a create made, as the ITSM names it: what the notifier keeps for a mirrored activity. */
  created?: { id: string; number?: string };
}

/**
 * One ITSM's outbound side: default templates and state codes per kind, and how an update is sent (the calls it
 * takes: ServiceNow's Table API needs the record's sys_id, found by number first).
 */
export interface OutboundAdapter {
  /** An ITSM's record numbers: an update naming anything else is never sent. None for a generic webhook, which searches nothing. */
  readonly recordIds?: RecordIdRules;
  defaultTemplates(client: ClientConfig): Record<OutboundKind, string>;
  defaultStateCodes(client: ClientConfig): Partial<Record<OutboundKind, string>>;
  preview(update: RenderedUpdate, client: ClientConfig): RequestPreview[];
  /**
   * `headers` go on every request of the update (the stable `webhook-id` among them). `earlier`, on a send after an
   * earlier attempt of the same delivery, says when that first attempt began and what the record's earlier
   * deliveries wrote: a send of several steps skips those the ITSM shows done by this delivery.
   */
  send(http: AxiosInstance, update: RenderedUpdate, client: ClientConfig, headers: Record<string, string>, earlier?: EarlierAttempt): Promise<SendResult>;
  /**
   * Before a delivery is sent again (an earlier attempt went unanswered, failed or was cut off: it may have reached
   * the ITSM all the same): whether the ITSM holds the update (ADR 15). A create: the record exists. An update that
   * writes a journal entry: the bridge's entries with its text, since the first attempt began, outnumber the
   * earlier deliveries of the record that wrote the same text (`entryProof`), each adapter writing that entry last
   * or in the same call as the rest; when this delivery wrote none of its own (a close whose text the bridge had
   * written as a note), the record's fields. Throws (an `UndecidedCheck`, or the call's own error) when the ITSM's
   * answer cannot say; the notifier then asks again later instead of sending. Adapters that cannot tell at all
   * leave it out, and the update is sent again.
   */
  alreadyApplied?(http: AxiosInstance, update: RenderedUpdate, client: ClientConfig, earlier: EarlierAttempt): Promise<boolean>;
}
