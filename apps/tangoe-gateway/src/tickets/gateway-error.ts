/** What the gateway's ticket work refuses, by code; controllers decide the HTTP status of each. */
export type GatewayErrorCode = 'unknown_ticket' | 'client_held' | 'not_a_ticket';

export class GatewayError extends Error {
  readonly retriable = false;

  constructor(readonly code: GatewayErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GatewayError';
  }
}
