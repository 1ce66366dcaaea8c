import axios from 'axios';
import { OUTBOUND_BODY_LIMITS } from '@bridge/contracts';
import type { AdminPeer } from '@bridge/drift';
import { describeFailure } from '@bridge/errors';
import { AdminPeerError } from './admin-peer.error';

/**
 * Another service's admin API for the console's drift report and repairs, at the URL configuration gives (never
 * one from a request) and with the admin token all services share. Unlike the timeline's `askPeer`, which gives up
 * after 5 s, it waits `timeoutMs`: the ingress's side of a drift report walks the client's ITSM through its read
 * budget, which can take minutes.
 */
export function peerAdminApi(peer: 'ingress' | 'gateway', baseUrl: string | undefined, adminToken: string | undefined, timeoutMs: number): AdminPeer {
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    if (!baseUrl) throw AdminPeerError.notConfigured(peer, `the ${peer}'s admin API is not configured: set ${peer === 'ingress' ? 'INGRESS_ADMIN_URL' : 'GATEWAY_ADMIN_URL'} on the notifier`);
    let response;
    try {
      response = await axios.request({
        method,
        url: `${baseUrl.replace(/\/$/, '')}${path}`,
        data: method === 'POST' ? (body ?? {}) : undefined,
        headers: { authorization: `Bearer ${adminToken ?? ''}` },
        timeout: timeoutMs,
        maxRedirects: 0,
        ...OUTBOUND_BODY_LIMITS,
        validateStatus: () => true,
      });
    } catch (error) {
      // Not kept as the cause: axios's error holds the request's headers, the admin token among them.
      throw AdminPeerError.failed(peer, 0, undefined, `the ${peer} did not answer: ${describeFailure(error)}`);
    }
    if (response.status >= 200 && response.status < 300) return response.data as unknown;
    const message = (response.data as { message?: unknown } | undefined)?.message;
    throw AdminPeerError.failed(peer, response.status, response.data, `the ${peer} answered ${response.status}${typeof message === 'string' ? `: ${message}` : ''}`);
  };
  return { get: (path) => call('GET', path), post: (path, body) => call('POST', path, body) };
}
