import type { ClientConfig } from '@bridge/clients-config';
import type { ItsmAdapter } from './itsm-adapter';
import type { OutboundAdapter } from './outbound/outbound-adapter';
import { GenericWebhookOutbound } from './webhook/generic-webhook-outbound';
import { BmcHelixAdapter } from './bmc-helix/bmc-helix.adapter';
import { FreshserviceAdapter } from './freshservice/freshservice.adapter';
import { JiraAdapter } from './jira/jira.adapter';
import { ServiceNowAdapter } from './servicenow/servicenow.adapter';
import { ZendeskAdapter } from './zendesk/zendesk.adapter';

/** Every ITSM adapter of this build: adding an ITSM is one folder and one line here. */
const ADAPTERS: readonly ItsmAdapter[] = [new ServiceNowAdapter(), new JiraAdapter(), new ZendeskAdapter(), new FreshserviceAdapter(), new BmcHelixAdapter()];

export const ITSM_NAMES: readonly string[] = ADAPTERS.map((adapter) => adapter.name);

export function adapterFor(itsm: string): ItsmAdapter | undefined {
  return ADAPTERS.find((adapter) => adapter.name === itsm);
}

const GENERIC_WEBHOOK = new GenericWebhookOutbound();

/** Where a client's Tangoe updates go: its ITSM's API, or a generic signed webhook endpoint. */
export function outboundAdapterFor(client: ClientConfig): OutboundAdapter | undefined {
  if (client.outbound?.target === 'webhook') return GENERIC_WEBHOOK;
  return adapterFor(client.itsm)?.outbound;
}
