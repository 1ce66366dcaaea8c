import { INestApplication, LoggerService, ShutdownSignal, Type } from '@nestjs/common';
import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import type { RetryPolicy } from '@bridge/messaging';
import type { TopicNames } from '@bridge/contracts';
import type { Logger } from 'pino';
import { BusAwareExceptionFilter, BusTransport } from './bus-transport';
import { startTracing } from '@bridge/tracing';
import { httpTracing } from './http-tracing';
import { listenOnAdminPort, servePublicPathsOnly } from './admin-port';
import { serviceLogger } from './logger';
import { ServiceSettings, readServiceSettings } from './service-settings';
import { BUS, LOGGER, TOPICS } from './tokens';
import type { MessageBus } from '@bridge/messaging';

export interface ServiceBootstrap {
  service: string;
  module: Type<unknown>;
  defaultPort: number;
  /** false for services that read raw bodies themselves (webhook signatures need the exact bytes). */
  parseJsonBodies?: boolean;
  /** When the service consumes events: each topic it reads, in its own consumer group. */
  consumes?: ConsumedTopic | readonly ConsumedTopic[];
}

/**
 * A topic a service reads, in which consumer group (named within the topic namespace; a function when a setting may
 * name it). Each topic has a group of its own, so a rebalance on one never pauses the other.
 */
export interface ConsumedTopic {
  topic: (names: TopicNames) => string;
  group: string | ((settings: ServiceSettings) => string);
  retry?: RetryPolicy;
}

/**
 * Starts one service: HTTP (health, and the service's own endpoints) and, when it consumes, the bus transport.
 * SIGTERM stops consumption first, lets in-flight events finish and commit, then closes the bus and database.
 */
export async function bootstrapService(options: ServiceBootstrap): Promise<INestApplication> {
  // Read here as well as in the module, to stop a bad setting before anything is opened, with the variable named.
  const settings = readServiceSettings();
  startTracing(options.service, { exportSpans: Boolean(settings.OTEL_EXPORTER_OTLP_ENDPOINT || settings.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT), serviceName: settings.OTEL_SERVICE_NAME });
  const bootLogger = serviceLogger(options.service, settings);
  const app = await NestFactory.create(options.module, { logger: nestLoggerOver(bootLogger), bodyParser: options.parseJsonBodies ?? true });
  if (settings.ADMIN_PORT !== undefined) app.use(servePublicPathsOnly(settings.ADMIN_PORT));
  app.use(httpTracing(options.service));
  // Every signal Nest knows stops the service, but SIGHUP: it reloads the clients file (ClientsReloadTriggers).
  app.enableShutdownHooks(Object.values(ShutdownSignal).filter((signal) => signal !== ShutdownSignal.SIGHUP));
  app.useGlobalFilters(new BusAwareExceptionFilter(app.get(HttpAdapterHost).httpAdapter));
  const consumed = options.consumes === undefined ? [] : ([] as ConsumedTopic[]).concat(options.consumes);
  if (consumed.length > 0) {
    const bus = app.get<MessageBus>(BUS);
    const topics = app.get<TopicNames>(TOPICS);
    for (const { topic, group, retry } of consumed) {
      app.connectMicroservice(
        { strategy: new BusTransport({ bus, topic: topic(topics), group: topics.consumerGroup(typeof group === 'function' ? group(settings) : group), retry }) },
        { inheritAppConfig: true },
      );
    }
    await app.startAllMicroservices();
  }
  await app.listen(settings.PORT ?? options.defaultPort, settings.HOST);
  if (settings.ADMIN_PORT !== undefined) await listenOnAdminPort(app, settings.ADMIN_PORT, settings.HOST);
  app.get<Logger>(LOGGER).info({ url: await app.getUrl(), adminPort: settings.ADMIN_PORT }, `${options.service} listening`);
  return app;
}

/** The entry point of a service's main.ts: starts it, or says why not and exits non-zero. */
export function startService(options: ServiceBootstrap): void {
  bootstrapService(options).catch((error: unknown) => {
    process.stderr.write(`${options.service} failed to start: ${(error as Error).message}\n`);
    process.exit(1);
  });
}

/** Nest's own messages go through the same JSON logger as ours. */
export function nestLoggerOver(logger: Logger): LoggerService {
  const line = (_message: unknown, context: unknown) => ({ context: typeof context === 'string' ? context : undefined });
  return {
    log: (message, context) => logger.info(line(message, context), String(message)),
    error: (message, trace, context) => logger.error({ ...line(message, context), trace }, String(message)),
    warn: (message, context) => logger.warn(line(message, context), String(message)),
    debug: (message, context) => logger.debug(line(message, context), String(message)),
    verbose: (message, context) => logger.trace(line(message, context), String(message)),
  };
}
