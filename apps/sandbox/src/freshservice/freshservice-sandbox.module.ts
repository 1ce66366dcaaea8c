import { DynamicModule, Module } from '@nestjs/common';
import { FreshserviceApiController } from './freshservice-api.controller';
import { FRESHSERVICE_SANDBOX, FreshserviceSandbox } from './freshservice-sandbox';

@Module({})
export class FreshserviceSandboxModule {
  static with(sandbox: FreshserviceSandbox): DynamicModule {
    return { module: FreshserviceSandboxModule, controllers: [FreshserviceApiController], providers: [{ provide: FRESHSERVICE_SANDBOX, useValue: sandbox }] };
  }
}
