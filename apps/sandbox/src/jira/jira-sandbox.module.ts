import { DynamicModule, Module } from '@nestjs/common';
import { JiraApiController } from './jira-api.controller';
import { JIRA_SANDBOX, JiraSandbox } from './jira-sandbox';

@Module({})
export class JiraSandboxModule {
  static with(sandbox: JiraSandbox): DynamicModule {
    return { module: JiraSandboxModule, controllers: [JiraApiController], providers: [{ provide: JIRA_SANDBOX, useValue: sandbox }] };
  }
}
