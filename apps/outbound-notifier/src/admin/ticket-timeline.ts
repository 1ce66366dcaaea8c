import axios from 'axios';
import { OUTBOUND_BODY_LIMITS } from '@bridge/contracts';
import type { ServiceSettings } from '@bridge/platform';
import { describeFailure } from '@bridge/errors';

/** Where the other services' admin APIs are, from configuration only: the console asks them nothing else. */
export interface PeerAdminUrls {
  ingress?: string;
  gateway?: string;
}

export function peerAdminUrls(settings: Pick<ServiceSettings, 'INGRESS_ADMIN_URL' | 'GATEWAY_ADMIN_URL'>): PeerAdminUrls {
  return { ingress: settings.INGRESS_ADMIN_URL, gateway: settings.GATEWAY_ADMIN_URL };
}

export type PeerAnswer = { status: 'ok'; data: unknown } | { status: 'not_configured' } | { status: 'unavailable'; error: string };

/**
 * One service's part of a ticket's timeline, asked with the admin token all services share. A service that does
 * not answer leaves its part out with the reason; the rest of the timeline still shows.
 */
export async function askPeer(baseUrl: string | undefined, path: string, adminToken: string | undefined): Promise<PeerAnswer> {
  if (!baseUrl) return { status: 'not_configured' };
  try {
    const response = await axios.get(`${baseUrl.replace(/\/$/, '')}${path}`, {
      headers: { authorization: `Bearer ${adminToken ?? ''}` },
      timeout: 5_000,
      maxRedirects: 0,
      ...OUTBOUND_BODY_LIMITS,
      validateStatus: () => true,
    });
    if (response.status === 200) return { status: 'ok', data: response.data };
    if (response.status === 404) return { status: 'ok', data: null };
    return { status: 'unavailable', error: `HTTP ${response.status}` };
  } catch (error) {
    return { status: 'unavailable', error: describeFailure(error) };
  }
}
