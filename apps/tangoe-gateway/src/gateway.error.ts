import { BridgeError, assertUnreachable } from '@bridge/errors';

/** Every way the gateway refuses or fails a piece of work of its own (Tangoe's answers are `TangoeApiError`s). */
export type GatewayErrorCode =
  /** The client is not in the clients file (a reload took it out while its ticket was on its way). */
  | 'unknown_client'
  /** No ticket link of this key: the gateway never saw its ticket. */
  | 'unknown_ticket'
  /** The client is paused, or out of the clients file: its tickets wait in their lines. */
  | 'client_held'
  /** A subject or a ticket id that makes no ticket's key (an activity's subject, an id with control characters). */
  | 'not_a_ticket'
  /** A drift repair's ticket has no support request whose state could be sent. */
  | 'not_linked'
  /** A drift repair names another support request than the ticket's. */
  | 'request_mismatch'
  /** A drift repair would send the client its own change back. */
  | 'client_own_state'
  /** A drift repair finds the support request in a state the bridge does not know. */
  | 'unknown_state'
  /** A Tangoe push the ingress let through that makes no change the bridge can read (it is parked, not retried). */
  | 'unreadable_push';

/** The gateway's errors: the use cases throw them, the consumer retries or parks them, the admin API answers them. */
export class GatewayError extends BridgeError<GatewayErrorCode> {
  constructor(code: GatewayErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, { retriable: isRetriable(code), cause: options?.cause });
  }
}

function isRetriable(code: GatewayErrorCode): boolean {
  switch (code) {
    // A retry finds the client back, or held (ClientHolds): its ticket then waits in its line rather than parks.
    case 'unknown_client':
      return true;
    case 'unknown_ticket':
    case 'client_held':
    case 'not_a_ticket':
    case 'not_linked':
    case 'request_mismatch':
    case 'client_own_state':
    case 'unknown_state':
    case 'unreadable_push':
      return false;
    default:
      return assertUnreachable(code);
  }
}
