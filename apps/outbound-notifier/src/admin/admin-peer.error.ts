import { BridgeError } from '@bridge/errors';

/** A peer the console needs and configuration does not name, or one that answered with an error or not at all. */
export type AdminPeerErrorCode = 'peer_not_configured' | 'peer_failed';

/** A failure of another service's admin API, as the console's calls to it (`peerAdminApi`) meet it. */
export class AdminPeerError extends BridgeError<AdminPeerErrorCode> {
  private constructor(
    code: AdminPeerErrorCode,
    message: string,
    readonly peer: string,
    /** The peer's HTTP status, 0 when it did not answer; none when it is not configured. */
    readonly status?: number,
    /** What the peer answered. */
    readonly answer?: unknown,
  ) {
    super(code, message, { retriable: code === 'peer_failed' && (status === 0 || (status ?? 0) >= 500) });
  }

  /** INGRESS_ADMIN_URL or GATEWAY_ADMIN_URL is not set: asking again will not help. */
  static notConfigured(peer: string, message: string): AdminPeerError {
    return new AdminPeerError('peer_not_configured', message, peer);
  }

  static failed(peer: string, status: number, answer: unknown, message: string): AdminPeerError {
    return new AdminPeerError('peer_failed', message, peer, status, answer);
  }
}
