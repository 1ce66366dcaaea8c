import type { EventEnvelope } from '@bridge/contracts';
import type { ClientConfig } from '@bridge/clients-config';
import type { OutboundAdapter } from './outbound/outbound-adapter';

/** What an inbound webhook became: events to publish (in order), or a reason it means nothing to sync. */
export type NormalizeResult = { kind: 'events'; events: EventEnvelope[] } | { kind: 'ignored'; reason: string };

export interface NormalizeContext {
  client: ClientConfig;
  receivedAt: Date;
}

/**
 * One ITSM's inbound side: its webhook payloads in, the bridge's events out. Pure: no I/O, so the same code runs
 * in the ingress and in `bridge normalize`. Event ids are derived from the payload, so the same webhook delivered
 * twice yields the same events and the ingress publishes them once.
 */
export interface ItsmAdapter {
  readonly name: string;
  normalize(payload: unknown, context: NormalizeContext): NormalizeResult;
  /** How Tangoe's updates reach this ITSM. */
  readonly outbound: OutboundAdapter;
}

/** A payload the adapter cannot read: the ITSM must not retry it. Fields are named by their path in the payload. */
export class InboundPayloadError extends Error {
  readonly code = 'invalid_payload';
  readonly retriable = false;

  constructor(readonly fields: ReadonlyArray<{ field: string; problem: string }>) {
    super(`payload is invalid: ${fields.map((f) => `${f.field} ${f.problem}`).join('; ')}`);
    this.name = 'InboundPayloadError';
  }
}
