import type { ClientConfig } from '@bridge/clients-config';

/**
 * Whether a comment, note or work log found at the ITSM is one the bridge wrote: its author is the client's
 * `outbound.integrationUser` (required for an ITSM target). Adapters look for their own text before writing it
 * again, and only the bridge's own entries count: a close carries the request's last interaction, which may be the
 * caller's own comment, and taking that for the bridge's would leave the close note out.
 */
export function writtenByBridge(author: unknown, client: ClientConfig): boolean {
  const bridge = client.outbound?.integrationUser;
  return bridge !== undefined && String(author ?? '') === bridge;
}
