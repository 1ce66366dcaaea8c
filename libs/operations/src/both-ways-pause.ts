import type { AdminPeer } from '@bridge/drift';

/** The two services that hold a client's work: the gateway toward its Tangoe, the notifier toward its ITSM. */
export interface PauseServices {
  gateway: AdminPeer;
  notifier: AdminPeer;
}

/**
 * A client paused both ways, as `bridge clients pause` and the console make it: toward its ITSM first, then toward
 * Tangoe, so a pause half-done (the gateway down) never lets Tangoe's updates through to an ITSM being mended.
 */
export async function pauseBothWays(services: PauseServices, clientId: string, reason?: string): Promise<{ notifier: unknown; gateway: unknown }> {
  const path = `/admin/clients/${encodeURIComponent(clientId)}/pause`;
  const body = reason ? { reason } : {};
  const notifier = await services.notifier.post(path, body);
  return { notifier, gateway: await services.gateway.post(path, body) };
}

/** Resumed toward Tangoe first and toward the ITSM last: the mirror of the pause. */
export async function resumeBothWays(services: PauseServices, clientId: string): Promise<{ gateway: unknown; notifier: unknown }> {
  const path = `/admin/clients/${encodeURIComponent(clientId)}/resume`;
  const gateway = await services.gateway.post(path);
  return { gateway, notifier: await services.notifier.post(path) };
}
