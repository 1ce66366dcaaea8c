import { INestApplication, LoggerService, ShutdownSignal, Type } from '@nestjs/common';
import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import type { RetryPolicy } from '@bridge/messaging';
import type { TopicNames } from '@bridge/contracts';
import type { Logger } from 'pino';
import { BusAwareExceptionFilter, BusTransport } from './bus-transport';
import { startTracing } from '@bridge/tracing';
import { httpTracing } from './http-tracing';
import { createLogger } from './logger';
import { BUS, LOGGER, TOPICS } from './tokens';
import type { MessageBus } from '@bridge/messaging';

export interface ServiceBootstrap {
  service: string;
  module: Type<unknown>;
  defaultPort: number;
  /** false for services that read raw bodies themselves (webhook signatures need the exact bytes). */
  parseJsonBodies?: boolean;
  /** When the service consumes events: which topic, in which consumer group (named within the topic namespace). */
  consumes?: { topic: (names: TopicNames) => string; group: string; retry?: RetryPolicy };
}

/**
 * Starts one service: HTTP (health, and the service's own endpoints) and, when it consumes, the bus transport.
 * SIGTERM stops consumption first, lets in-flight events finish and commit, then closes the bus and database.
 */
export async function bootstrapService(options: ServiceBootstrap): Promise<INestApplication> {
  startTracing(options.service);
  const bootLogger = createLogger(options.service);
  const app = await NestFactory.create(options.module, { logger: nestLoggerOver(bootLogger), bodyParser: options.parseJsonBodies ?? true });
  app.use(httpTracing(options.service));
  // Every signal Nest knows stops the service, but SIGHUP: it reloads the clients file (ClientsReloadTriggers).
  app.enableShutdownHooks(Object.values(ShutdownSignal).filter((signal) => signal !== ShutdownSignal.SIGHUP));
  app.useGlobalFilters(new BusAwareExceptionFilter(app.get(HttpAdapterHost).httpAdapter));
  if (options.consumes) {
    const bus = app.get<MessageBus>(BUS);
    const topics = app.get<TopicNames>(TOPICS);
    app.connectMicroservice(
      { strategy: new BusTransport({ bus, topic: options.consumes.topic(topics), group: topics.consumerGroup(options.consumes.group), retry: options.consumes.retry }) },
      { inheritAppConfig: true },
    );
    await app.startAllMicroservices();
  }
  const port = Number(process.env.PORT ?? options.defaultPort);
  await app.listen(port, process.env.HOST ?? '127.0.0.1');
  app.get<Logger>(LOGGER).info({ url: await app.getUrl() }, `${options.service} listening`);
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
