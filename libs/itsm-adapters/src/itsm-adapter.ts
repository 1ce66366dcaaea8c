import type { EventEnvelope, TicketState } from '@bridge/contracts';
import type { ClientConfig } from '@bridge/clients-config';
import type { ItsmDialect } from './dialect';
import { ItsmAdapterError } from './itsm-adapter.error';
import type { RecordRead, RecordReader, RecordRef } from './reconcile/record-reader';
import type { OutboundAdapter } from './outbound/outbound-adapter';

/**
 * What an inbound payload became: events to publish (in order) and the record they are about, or a reason it means
 * nothing to sync.
 */
export type NormalizeResult = { kind: 'events'; events: EventEnvelope[]; record: RecordRef } | { kind: 'ignored'; reason: string };

export interface NormalizeContext {
  client: ClientConfig;
  receivedAt: Date;
  /** The vendor's id of this webhook delivery, the same on its retries, where it sends one (`ItsmDialect.deliveryIdHeader`). */
  deliveryId?: string;
}

/**
 * One ITSM: its dialect (webhook bodies and API records in, read by the one inbound pipeline into the bridge's
 * events) and its outbound side. Pure inbound: no I/O, so the same code runs in the ingress, in reconciliation and in
 * `bridge normalize`. Event ids are derived from the ITSM's own ids, so the same fact seen twice, by a webhook
 * retried or by an API read, yields the same events and is published once.
 */
export interface ItsmAdapter {
  readonly name: string;
  readonly dialect: ItsmDialect;
  normalize(payload: unknown, context: NormalizeContext): NormalizeResult;
  /** What reconciliation reads of the ITSM's API (a record with its comments) into the same events, the same ids. */
  normalizeRead(read: RecordRead, context: NormalizeContext): NormalizeResult;
  /**
   * Whether a record read is still open on the client's side: its status ends nothing (the client's
   * `mapping.clientStates` or the ITSM's defaults), whoever set it. What onboarding opens at Tangoe.
   */
  isOpenRead(read: RecordRead, client: ClientConfig): boolean;
  /** A record read's status, and how it ends the ticket on the client's side, if it does: what the drift report compares. */
  statusOfRead(read: RecordRead, client: ClientConfig): ReadStatus;
  /** How reconciliation lists the records changed since a time, through the ITSM's own API. */
  readonly reader: RecordReader;
  /** How Tangoe's updates reach this ITSM. */
  readonly outbound: OutboundAdapter;
}

/** A record's status as a read finds it. */
export interface ReadStatus {
  /** As the ITSM writes it: a code, a name; none when the record carries no status. */
  value?: string;
  /** What tells this move into the status from another (a modification count, a changelog id, a time). */
  changeId?: string;
  /** The client-side end the status stands for (`mapping.clientStates` or the ITSM's defaults); none while open. */
  endedAs?: TicketState;
}

/** A payload the adapter cannot read: the ITSM must not retry it. Fields are named by their path in the payload. */
export class InboundPayloadError extends ItsmAdapterError<'invalid_payload'> {
  constructor(readonly fields: ReadonlyArray<{ field: string; problem: string }>) {
    super('invalid_payload', `payload is invalid: ${fields.map((f) => `${f.field} ${f.problem}`).join('; ')}`, { retriable: false });
  }
}
