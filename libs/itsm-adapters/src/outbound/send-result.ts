import type { AxiosResponse } from 'axios';
import type { SendResult } from './outbound-adapter';

/** An ITSM's answer as the delivery log keeps it: the status, the body (cut short) and any Retry-After. */
export function sendResultOf(response: Pick<AxiosResponse, 'status' | 'data' | 'headers'>): SendResult {
  const body = typeof response.data === 'string' ? response.data : JSON.stringify(response.data ?? '');
  const retryAfter = response.headers['retry-after'];
  return { status: response.status, body: body.slice(0, 2_000), retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined };
}
