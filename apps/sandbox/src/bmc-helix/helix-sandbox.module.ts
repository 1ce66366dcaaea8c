import { DynamicModule, Module } from '@nestjs/common';
import { HelixApiController } from './helix-api.controller';
import { HELIX_SANDBOX, HelixSandbox } from './helix-sandbox';

@Module({})
export class HelixSandboxModule {
  static with(sandbox: HelixSandbox): DynamicModule {
    return { module: HelixSandboxModule, controllers: [HelixApiController], providers: [{ provide: HELIX_SANDBOX, useValue: sandbox }] };
  }
}
