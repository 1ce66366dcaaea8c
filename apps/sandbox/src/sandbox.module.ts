import { DynamicModule, Module } from '@nestjs/common';
import { HelixSandbox } from './bmc-helix/helix-sandbox';
import { HelixSandboxModule } from './bmc-helix/helix-sandbox.module';
import { FreshserviceSandbox } from './freshservice/freshservice-sandbox';
import { FreshserviceSandboxModule } from './freshservice/freshservice-sandbox.module';
import { SandboxHealthController } from './health.controller';
import { JiraSandbox } from './jira/jira-sandbox';
import { JiraSandboxModule } from './jira/jira-sandbox.module';
import { ServiceNowSandbox } from './servicenow/servicenow-sandbox';
import { ServiceNowSandboxModule } from './servicenow/servicenow-sandbox.module';
import { TangoeSandbox } from './tangoe/tangoe-sandbox';
import { TangoeSandboxModule } from './tangoe/tangoe-sandbox.module';
import { ZendeskSandbox } from './zendesk/zendesk-sandbox';
import { ZendeskSandboxModule } from './zendesk/zendesk-sandbox.module';

export interface SandboxParts {
  tangoe: TangoeSandbox;
  servicenow: ServiceNowSandbox;
  jira: JiraSandbox;
  zendesk: ZendeskSandbox;
  freshservice: FreshserviceSandbox;
  helix: HelixSandbox;
}

/** The stand-ins, each a self-contained module over the state object tests hold on to. */
@Module({})
export class SandboxModule {
  static with(parts: SandboxParts): DynamicModule {
    return {
      module: SandboxModule,
      imports: [
        TangoeSandboxModule.with(parts.tangoe),
        ServiceNowSandboxModule.with(parts.servicenow),
        JiraSandboxModule.with(parts.jira),
        ZendeskSandboxModule.with(parts.zendesk),
        FreshserviceSandboxModule.with(parts.freshservice),
        HelixSandboxModule.with(parts.helix),
      ],
      controllers: [SandboxHealthController],
    };
  }
}
