import type { AdminPeer } from '@bridge/drift';
import { BridgeError, describeFailure } from '@bridge/errors';

/** The two services that hold a client's work: the gateway toward its Tangoe, the notifier toward its ITSM. */
export interface PauseServices {
  gateway: AdminPeer;
  notifier: AdminPeer;
}

/** A pause or a resume made at the first service and not at the second. */
export type BothWaysErrorCode = 'half_done';

/**
 * The first service took the pause (or the resume) and the second failed: the client is held one way only. The
 * message says which, so the operator runs it again (both calls are safe to repeat) rather than taking it as undone.
 */
export class BothWaysHalfDone extends BridgeError<BothWaysErrorCode> {
  constructor(
    message: string,
    /** The first service's answer. */
    readonly done: Record<string, unknown>,
    cause: unknown,
  ) {
    super('half_done', message, { retriable: true, cause });
  }
}

/**
 * A client paused both ways, as `bridge clients pause` and the console make it: toward its ITSM first, then toward
 * Tangoe, so a pause half-done (the gateway down) never lets Tangoe's updates through to an ITSM being mended.
 */
export async function pauseBothWays(services: PauseServices, clientId: string, reason?: string): Promise<{ notifier: unknown; gateway: unknown }> {
  const path = `/admin/clients/${encodeURIComponent(clientId)}/pause`;
  const body = reason ? { reason } : {};
  const notifier = await services.notifier.post(path, body);
  try {
    return { notifier, gateway: await services.gateway.post(path, body) };
  } catch (error) {
    throw new BothWaysHalfDone(`${clientId} is paused toward its ITSM (the notifier) but not toward Tangoe: ${describeFailure(error)}. Pause it again once the gateway answers`, { notifier }, error);
  }
}

/** Resumed toward Tangoe first and toward the ITSM last: the mirror of the pause. */
export async function resumeBothWays(services: PauseServices, clientId: string): Promise<{ gateway: unknown; notifier: unknown }> {
  const path = `/admin/clients/${encodeURIComponent(clientId)}/resume`;
  const gateway = await services.gateway.post(path);
  try {
    return { gateway, notifier: await services.notifier.post(path) };
  } catch (error) {
    throw new BothWaysHalfDone(`${clientId} is resumed toward Tangoe (the gateway) but still paused toward its ITSM: ${describeFailure(error)}. Resume it again once the notifier answers`, { gateway }, error);
  }
}
