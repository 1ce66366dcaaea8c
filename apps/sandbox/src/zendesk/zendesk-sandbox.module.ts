import { DynamicModule, Module } from '@nestjs/common';
import { ZendeskApiController } from './zendesk-api.controller';
import { ZENDESK_SANDBOX, ZendeskSandbox } from './zendesk-sandbox';

@Module({})
export class ZendeskSandboxModule {
  static with(sandbox: ZendeskSandbox): DynamicModule {
    return { module: ZendeskSandboxModule, controllers: [ZendeskApiController], providers: [{ provide: ZENDESK_SANDBOX, useValue: sandbox }] };
  }
}
