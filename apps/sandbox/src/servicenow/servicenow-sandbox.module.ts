import { DynamicModule, Module } from '@nestjs/common';
import { SERVICENOW_SANDBOX, ServiceNowSandbox } from './servicenow-sandbox';
import { TableApiController } from './table-api.controller';

@Module({})
export class ServiceNowSandboxModule {
  static with(sandbox: ServiceNowSandbox): DynamicModule {
    return { module: ServiceNowSandboxModule, controllers: [TableApiController], providers: [{ provide: SERVICENOW_SANDBOX, useValue: sandbox }] };
  }
}
