/** Why the gateway did not make a drift repair; the controller answers 409 with the code. Not worth retrying as it is. */
export class DriftRepairError extends Error {
  readonly retriable = false;

  constructor(
    readonly code: 'not_linked' | 'request_mismatch' | 'client_own_state' | 'unknown_state',
    message: string,
  ) {
    super(message);
    this.name = 'DriftRepairError';
  }
}
