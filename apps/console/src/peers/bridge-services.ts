import { Inject, Injectable } from '@nestjs/common';
import type { AdminPeer } from '@bridge/drift';
import { describeFailure } from '@bridge/errors';
import type { ConsoleSettings } from '../console-settings';
import { CONSOLE_SETTINGS } from '../console.tokens';
import { AdminPeerError } from './admin-peer.error';
import { ServiceName, serviceAdminApi } from './service-admin-api';

export type BridgeServiceApis = Record<ServiceName, AdminPeer>;

/** A read a page can live without: the data, or why the service could not give it. */
export type Reading<T> = { ok: true; data: T } | { ok: false; problem: string; /** The service's HTTP status; 0 when it did not answer. */ status: number };

/**
 * The three services' admin APIs as the console calls them, for the operator who asks. Pages read with `read`,
 * which turns a service's failure into a problem the page shows beside what the others answered; actions call the
 * APIs and let a failure reach the operator as the action's outcome.
 */
@Injectable()
export class BridgeServices {
  constructor(@Inject(CONSOLE_SETTINGS) private readonly settings: ConsoleSettings) {}

  /** The services, waiting CONSOLE_PEER_TIMEOUT_MS for each answer (`long`: CONSOLE_LONG_PEER_TIMEOUT_MS, for walks of an ITSM). */
  for(operator: string | undefined, wait: 'short' | 'long' = 'short'): BridgeServiceApis {
    const access = { token: this.settings.ADMIN_TOKEN, operator };
    const timeoutMs = wait === 'long' ? this.settings.CONSOLE_LONG_PEER_TIMEOUT_MS : this.settings.CONSOLE_PEER_TIMEOUT_MS;
    return {
      ingress: serviceAdminApi('ingress', this.settings.INGRESS_ADMIN_URL, access, timeoutMs),
      gateway: serviceAdminApi('gateway', this.settings.GATEWAY_ADMIN_URL, access, timeoutMs),
      notifier: serviceAdminApi('notifier', this.settings.NOTIFIER_ADMIN_URL, access, timeoutMs),
    };
  }

  /** `path` is built by the caller from literals and `pathSegment`s only. */
  async read<T>(service: ServiceName, path: string): Promise<Reading<T>> {
    try {
      return { ok: true, data: (await this.for(undefined)[service].get(path)) as T };
    } catch (error) {
      return { ok: false, problem: describeFailure(error), status: error instanceof AdminPeerError ? error.status : 0 };
    }
  }
}

/** Each service that did not answer, and why: shown above the page, which shows what the others said. */
export function problemsOf(readings: ReadonlyArray<Reading<unknown>>): string[] {
  return readings.flatMap((reading) => (reading.ok ? [] : [reading.problem]));
}
