import axios from 'axios';
import { ADMIN_OPERATOR_HEADER, OUTBOUND_BODY_LIMITS } from '@bridge/contracts';
import type { AdminPeer } from '@bridge/drift';
import { describeFailure } from '@bridge/errors';
import { AdminPeerError } from './admin-peer.error';

/** The three services whose admin APIs the console reads and acts through. */
export type ServiceName = 'ingress' | 'gateway' | 'notifier';

/** Who asks: the services write the operator with each change in their own audit log. */
export interface AdminAccess {
  token: string;
  operator?: string;
}

/**
 * A service's admin API at the URL configuration gives (never one from a request), with the admin token all
 * services share and the operator's name for their audit lines. An answer that is not 2xx, or none within
 * `timeoutMs`, is an AdminPeerError quoting what the service said.
 */
export function serviceAdminApi(service: ServiceName, baseUrl: string, access: AdminAccess, timeoutMs: number): AdminPeer {
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    let response;
    try {
      response = await axios.request({
        method,
        url: `${baseUrl.replace(/\/$/, '')}${path}`,
        data: method === 'POST' ? (body ?? {}) : undefined,
        headers: { authorization: `Bearer ${access.token}`, ...(access.operator ? { [ADMIN_OPERATOR_HEADER]: `console:${access.operator}` } : {}) },
        timeout: timeoutMs,
        maxRedirects: 0,
        ...OUTBOUND_BODY_LIMITS,
        validateStatus: () => true,
      });
    } catch (error) {
      // Not kept as the cause: axios's error holds the request's headers, the admin token among them.
      throw AdminPeerError.failed(service, 0, undefined, `the ${service} did not answer: ${describeFailure(error)}`);
    }
    if (response.status >= 200 && response.status < 300) return response.data as unknown;
    const message = (response.data as { message?: unknown } | undefined)?.message;
    throw AdminPeerError.failed(service, response.status, response.data, `the ${service} answered ${response.status}${typeof message === 'string' ? `: ${message}` : ''}`);
  };
  return { get: (path) => call('GET', path), post: (path, body) => call('POST', path, body) };
}
