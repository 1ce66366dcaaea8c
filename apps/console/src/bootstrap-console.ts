import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Logger } from 'pino';
import { nestLoggerOver, serviceLogger } from '@bridge/platform';
import { ConsoleModule } from './console.module';
import { readConsoleSettings } from './console-settings';
import { CONSOLE_LOGGER } from './console.tokens';
import { consoleSecurityHeaders } from './security-headers';

/** Starts the console on PORT (3003 unset); a bad setting stops it before it listens, with the variable named. */
export async function bootstrapConsole(defaultPort = 3003): Promise<INestApplication> {
  const settings = readConsoleSettings();
  const app = await NestFactory.create(ConsoleModule, { logger: nestLoggerOver(serviceLogger('console', settings)) });
  app.use(consoleSecurityHeaders);
  app.enableShutdownHooks();
  await app.listen(settings.PORT ?? defaultPort, settings.HOST);
  app.get<Logger>(CONSOLE_LOGGER).info({ url: await app.getUrl(), services: { ingress: settings.INGRESS_ADMIN_URL, gateway: settings.GATEWAY_ADMIN_URL, notifier: settings.NOTIFIER_ADMIN_URL } }, 'console listening');
  return app;
}
