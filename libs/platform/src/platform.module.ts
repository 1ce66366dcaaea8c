import type { SecretsUsed } from '@bridge/clients-config';
import { DynamicModule, Global, Inject, MiddlewareConsumer, Module, NestModule, OnApplicationShutdown } from '@nestjs/common';
import path from 'node:path';
import { topicNames } from '@bridge/contracts';
import type { MessageBus } from '@bridge/messaging';
import { Database, DatabaseTarget, Migration, databaseTargetFromUrl, openDatabase } from '@bridge/persistence';
import type { Logger } from 'pino';
import { createMessageBus } from './bus-factory';
import { ClientsReloadController } from './clients-reload.controller';
import { ClientsReloader } from './clients-reloader';
import { CLIENTS, clientsProviders } from './clients.provider';
import { HealthController } from './health.controller';
import { serviceLogger } from './logger';
import { ServiceSettings, readServiceSettings } from './service-settings';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { Metrics, instrumentBus } from './metrics';
import { MetricsController } from './metrics.controller';
import { RETAINED_TABLES, RetainedTable, RetentionJob } from './retention/retention-job';
import { BUS, DATABASE, LOGGER, METRICS, SETTINGS, TOPICS } from './tokens';

export interface PlatformOptions {
  /** The service's name, also its PostgreSQL schema's base (DESIGN.md §5: each service owns its schema). */
  service: string;
  schema: string;
  migrations: readonly Migration[];
  /**
   * When set, the service reads the clients file and knows these ITSM adapters; `secretsUsed` says which secrets of
   * a client it uses, the only ones its environment must hold.
   */
  clients?: { knownItsms: readonly string[]; secretsUsed?: SecretsUsed };
  /** The tables the retention job trims (none: the job does nothing). */
  retention?: readonly RetainedTable[];
}

@Global()
@Module({})
export class PlatformModule implements OnApplicationShutdown, NestModule {
  constructor(@Inject(BUS) private readonly bus: MessageBus, @Inject(DATABASE) private readonly database: Database) {}

  /** What every service needs: validated settings, a logger, the bus, its database, topic names and health. */
  static forService(options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      controllers: [HealthController, MetricsController, ...(options.clients ? [ClientsReloadController] : [])],
      providers: [
        // Read when the service starts (not when the module is defined), and validated then: a bad one stops the
        // start with the variable named.
        { provide: SETTINGS, useFactory: readServiceSettings },
        { provide: LOGGER, inject: [SETTINGS], useFactory: (settings: ServiceSettings) => serviceLogger(options.service, settings) },
        { provide: METRICS, useFactory: () => new Metrics(options.service) },
        {
          provide: BUS,
          inject: [SETTINGS, LOGGER, METRICS],
          useFactory: (settings: ServiceSettings, logger: Logger, metrics: Metrics) => instrumentBus(createMessageBus(settings, options.service, logger), metrics),
        },
        HttpMetricsMiddleware,
        {
          provide: DATABASE,
          inject: [SETTINGS],
          useFactory: (settings: ServiceSettings) =>
            openDatabase(withPoolSize(databaseTargetFromUrl(settings.DATABASE_URL, path.resolve(settings.DATA_DIR, 'pglite')), settings.DATABASE_POOL_SIZE), {
              schema: settings.DATABASE_SCHEMA_PREFIX ? `${settings.DATABASE_SCHEMA_PREFIX}_${options.schema}` : options.schema,
              migrations: options.migrations,
              applicationName: `bridge-${options.service}`,
            }),
        },
        { provide: TOPICS, inject: [SETTINGS], useFactory: (settings: ServiceSettings) => topicNames(settings.TOPIC_NAMESPACE) },
        ...(options.clients ? clientsProviders(options.clients.knownItsms, options.clients.secretsUsed) : []),
        { provide: RETAINED_TABLES, useValue: options.retention ?? [] },
        RetentionJob,
      ],
      exports: [SETTINGS, LOGGER, BUS, DATABASE, TOPICS, METRICS, RetentionJob, ...(options.clients ? [CLIENTS, ClientsReloader] : [])],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*path');
  }

  /** Runs after the consumers stopped (their in-flight work is done and committed), so nothing is cut off. */
  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
    await this.database.close();
  }
}

/** PGlite has one connection whatever is asked; a real PostgreSQL gets the pool the settings say. */
function withPoolSize(target: DatabaseTarget, poolSize: number): DatabaseTarget {
  return target.kind === 'postgres' ? { ...target, poolSize } : target;
}
