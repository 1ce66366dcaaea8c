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

/** The stand-ins, each the state object its module serves and tests hold on to. */
export interface SandboxParts {
  /** The sandbox Tangoe's store and controls. */
  tangoe: TangoeSandbox;
  /** ServiceNow instances (`/servicenow/{instance}/api/now/table/…`). */
  servicenow: ServiceNowSandbox;
  /** Jira Cloud sites (`/jira/{site}/rest/api/3/…`). */
  jira: JiraSandbox;
  /** Zendesk accounts (`/zendesk/{account}/api/v2/…`). */
  zendesk: ZendeskSandbox;
  /** Freshservice accounts (`/freshservice/{account}/api/v2/…`). */
  freshservice: FreshserviceSandbox;
  /** BMC Helix servers (`/bmc-helix/{server}/api/…`: the JWT login and the AR System REST API). */
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
