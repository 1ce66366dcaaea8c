import 'reflect-metadata';
import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { HelixSandbox } from './bmc-helix/helix-sandbox';
import { FreshserviceSandbox } from './freshservice/freshservice-sandbox';
import { JiraSandbox } from './jira/jira-sandbox';
import { SandboxModule, SandboxParts } from './sandbox.module';
import { ZendeskSandbox } from './zendesk/zendesk-sandbox';
import { InstanceOptions } from './servicenow/servicenow-instance';
import { ServiceNowSandbox } from './servicenow/servicenow-sandbox';
import type { ApiUser } from './tangoe/store/api-user';
import { TangoeSandbox, TangoeSandboxOptions } from './tangoe/tangoe-sandbox';

export interface StartSandboxOptions {
  /** 0 picks a free port; 3100 when not given. */
  port?: number;
  host?: string;
  /** Tangoe's API users; the same as `tangoe.apiUsers`. */
  apiUsers?: ApiUser[];
  /** Seeds the fault PRNG, so a run's faults repeat; the same as `tangoe.seed`. */
  seed?: number;
  tangoe?: TangoeSandboxOptions;
  servicenow?: InstanceOptions[];
  logger?: LogLevel[] | false;
}

export interface RunningSandbox extends SandboxParts {
  url: string;
  app: INestApplication;
  close(): Promise<void>;
}

/** Starts the sandbox in this process (tests, benchmarks, the standalone run, `main.ts`). */
export async function startSandbox(options: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const tangoe = new TangoeSandbox({
    ...options.tangoe,
    ...(options.apiUsers ? { apiUsers: options.apiUsers } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  });
  const servicenow = new ServiceNowSandbox(options.servicenow);
  const jira = new JiraSandbox();
  const zendesk = new ZendeskSandbox();
  const freshservice = new FreshserviceSandbox();
  const helix = new HelixSandbox();
  const parts: SandboxParts = { tangoe, servicenow, jira, zendesk, freshservice, helix };
  const app = await NestFactory.create<NestExpressApplication>(SandboxModule.with(parts), { logger: options.logger ?? ['error', 'warn'] });
  await app.listen(options.port ?? 3100, options.host ?? '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    ...parts,
    url,
    app,
    close: async () => {
      await app.close();
      await tangoe.pusher.settled();
    },
  };
}
