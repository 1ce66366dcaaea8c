import type { ClientConfig, OutboundKind } from '@bridge/clients-config';
import type { OutboundAdapter } from './outbound-adapter';

/**
 * The part of an outbound adapter whose templates and state codes are the same for every client (Jira's, Zendesk's,
 * Freshservice's and BMC Helix's; ServiceNow's codes depend on the table): an adapter extends it and writes only
 * how it sends.
 */
export abstract class FixedDefaultsOutbound implements Pick<OutboundAdapter, 'defaultTemplates' | 'defaultStateCodes'> {
  protected constructor(
    private readonly templates: Record<OutboundKind, string>,
    private readonly stateCodes: Partial<Record<OutboundKind, string>>,
  ) {}

  defaultTemplates(): Record<OutboundKind, string> {
    return this.templates;
  }

  defaultStateCodes(): Partial<Record<OutboundKind, string>> {
    return this.stateCodes;
  }
}

/** The client's ITSM base URL without a trailing slash, what previews put paths after. */
export function outboundBase(client: ClientConfig): string {
  return client.outbound!.baseUrl.replace(/\/$/, '');
}
