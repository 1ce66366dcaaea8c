import 'reflect-metadata';
import { INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SandboxHealthController } from './health.controller';
import { InstanceOptions } from './servicenow/servicenow-instance';
import { ServiceNowSandbox } from './servicenow/servicenow-sandbox';
import { ServiceNowSandboxModule } from './servicenow/servicenow-sandbox.module';
import { TangoeSandbox, TangoeSandboxOptions } from './tangoe/tangoe-sandbox';
import { TangoeSandboxModule } from './tangoe/tangoe-sandbox.module';

export interface RunningSandbox {
  url: string;
  app: INestApplication;
  tangoe: TangoeSandbox;
  servicenow: ServiceNowSandbox;
  close(): Promise<void>;
}

/** Starts the sandbox in this process (tests, benchmarks, the standalone run); `port: 0` picks a free port. */
export async function startSandbox(
  options: { port?: number; host?: string; tangoe?: TangoeSandboxOptions; servicenow?: InstanceOptions[] } = {},
): Promise<RunningSandbox> {
  const tangoe = new TangoeSandbox(options.tangoe);
  const servicenow = new ServiceNowSandbox(options.servicenow);
  @Module({ imports: [TangoeSandboxModule.with(tangoe), ServiceNowSandboxModule.with(servicenow)], controllers: [SandboxHealthController] })
  class SandboxModule {}
  const app = await NestFactory.create(SandboxModule, { logger: ['error', 'warn'] });
  await app.listen(options.port ?? 3100, options.host ?? '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { url, app, tangoe, servicenow, close: () => app.close() };
}
