import type { SecretsUsed } from '@bridge/clients-config';
import type { Provider } from '@nestjs/common';
import type { ClientDirectory } from '@bridge/clients-config';
import type { Logger } from 'pino';
import { ClientsFileSource, loadClientDirectory } from './clients-file-source';
import { ClientsReloadTriggers } from './clients-reload-triggers';
import { ClientsReloader } from './clients-reloader';
import type { Metrics } from './metrics';
import type { ServiceSettings } from './service-settings';
import { LOGGER, METRICS, SETTINGS } from './tokens';

export const CLIENTS = Symbol('ClientDirectory');

/** The clients file of a service that reads one: the directory, its reloader, and what triggers a reload. */
export function clientsProviders(knownItsms: readonly string[], secretsUsed?: SecretsUsed): Provider[] {
  return [
    { provide: ClientsFileSource, inject: [SETTINGS], useFactory: (settings: ServiceSettings) => new ClientsFileSource(knownItsms, settings, secretsUsed) },
    { provide: CLIENTS, inject: [ClientsFileSource], useFactory: loadClientDirectory },
    {
      provide: ClientsReloader,
      inject: [CLIENTS, ClientsFileSource, LOGGER, METRICS],
      useFactory: (directory: ClientDirectory, source: ClientsFileSource, logger: Logger, metrics: Metrics) => new ClientsReloader(directory, source, logger, metrics),
    },
    {
      provide: ClientsReloadTriggers,
      inject: [ClientsReloader, ClientsFileSource, CLIENTS, LOGGER, SETTINGS],
      useFactory: (reloader: ClientsReloader, source: ClientsFileSource, directory: ClientDirectory, logger: Logger, settings: ServiceSettings) =>
        new ClientsReloadTriggers(reloader, source, directory, logger, settings.CLIENTS_RELOAD_INTERVAL_MS),
    },
  ];
}
