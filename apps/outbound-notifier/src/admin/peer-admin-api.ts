import { HttpException, HttpStatus } from '@nestjs/common';
import axios from 'axios';
import type { AdminPeer } from '@bridge/drift';

/** A peer the console needs and configuration does not name (INGRESS_ADMIN_URL, GATEWAY_ADMIN_URL). */
export class PeerNotConfigured extends Error {
  readonly code = 'peer_not_configured';
  readonly retriable = false;
}

/** A peer that answered with an error, or not at all: its status (0 for no answer) and what it said. */
export class PeerFailed extends Error {
  readonly code = 'peer_failed';

  constructor(
    readonly peer: string,
    readonly status: number,
    readonly answer: unknown,
    message: string,
  ) {
    super(message);
  }

  get retriable(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

/**
 * Another service's admin API for the console's drift report and repairs, at the URL configuration gives (never
 * one from a request) and with the admin token all services share. Unlike the timeline's `askPeer`, which gives up
 * after 5 s, it waits `timeoutMs`: the ingress's side of a drift report walks the client's ITSM through its read
 * budget, which can take minutes.
 */
export function peerAdminApi(peer: 'ingress' | 'gateway', baseUrl: string | undefined, adminToken: string | undefined, timeoutMs: number): AdminPeer {
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    if (!baseUrl) throw new PeerNotConfigured(`the ${peer}'s admin API is not configured: set ${peer === 'ingress' ? 'INGRESS_ADMIN_URL' : 'GATEWAY_ADMIN_URL'} on the notifier`);
    let response;
    try {
      response = await axios.request({
        method,
        url: `${baseUrl.replace(/\/$/, '')}${path}`,
        data: method === 'POST' ? (body ?? {}) : undefined,
        headers: { authorization: `Bearer ${adminToken ?? ''}` },
        timeout: timeoutMs,
        maxRedirects: 0,
        validateStatus: () => true,
      });
    } catch (error) {
      throw new PeerFailed(peer, 0, undefined, `the ${peer} did not answer: ${(error as { code?: string }).code ?? (error as Error).message}`);
    }
    if (response.status >= 200 && response.status < 300) return response.data as unknown;
    const message = (response.data as { message?: unknown } | undefined)?.message;
    throw new PeerFailed(peer, response.status, response.data, `the ${peer} answered ${response.status}${typeof message === 'string' ? `: ${message}` : ''}`);
  };
  return { get: (path) => call('GET', path), post: (path, body) => call('POST', path, body) };
}

/** The work's answer, or a peer's failure as an HTTP answer: a peer not configured 503, a peer's error 502. */
export async function answeredByPeers<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PeerNotConfigured) throw new HttpException({ error: error.code, message: error.message }, HttpStatus.SERVICE_UNAVAILABLE);
    if (error instanceof PeerFailed) throw new HttpException({ error: error.code, peer: error.peer, status: error.status, message: error.message, answer: error.answer }, HttpStatus.BAD_GATEWAY);
    throw error;
  }
}
