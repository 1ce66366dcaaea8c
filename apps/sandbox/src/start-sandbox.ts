import 'reflect-metadata';
import { INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TangoeSandbox, TangoeSandboxOptions } from './tangoe/tangoe-sandbox';
import { TangoeSandboxModule } from './tangoe/tangoe-sandbox.module';

export interface RunningSandbox {
  url: string;
  app: INestApplication;
  tangoe: TangoeSandbox;
  close(): Promise<void>;
}

/** Starts the sandbox in this process (tests, benchmarks, the standalone run); `port: 0` picks a free port. */
export async function startSandbox(options: { port?: number; host?: string; tangoe?: TangoeSandboxOptions } = {}): Promise<RunningSandbox> {
  const tangoe = new TangoeSandbox(options.tangoe);
  @Module({ imports: [TangoeSandboxModule.with(tangoe)] })
  class SandboxModule {}
  const app = await NestFactory.create(SandboxModule, { logger: ['error', 'warn'] });
  await app.listen(options.port ?? 3100, options.host ?? '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { url, app, tangoe, close: () => app.close() };
}
