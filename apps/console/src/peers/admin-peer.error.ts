import { BridgeError } from '@bridge/errors';

/** A service's admin API answered with an error, or not at all. */
export type AdminPeerErrorCode = 'peer_failed';

/** A failure of a service's admin API, as the console's calls to it (`serviceAdminApi`) meet it. */
export class AdminPeerError extends BridgeError<AdminPeerErrorCode> {
  private constructor(
    code: AdminPeerErrorCode,
    message: string,
    readonly peer: string,
    /** The service's HTTP status, 0 when it did not answer. */
    readonly status: number,
    /** What the service answered. */
    readonly answer?: unknown,
  ) {
    super(code, message, { retriable: status === 0 || status >= 500 });
  }

  static failed(peer: string, status: number, answer: unknown, message: string): AdminPeerError {
    return new AdminPeerError('peer_failed', message, peer, status, answer);
  }
}
