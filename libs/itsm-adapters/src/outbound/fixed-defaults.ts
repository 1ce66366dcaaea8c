import type { ClientConfig, OutboundKind } from '@bridge/clients-config';
import type { OutboundAdapter } from './outbound-adapter';

/**
 * The part of an outbound adapter whose templates and state codes are the same for every client (Jira's, Zendesk's,
 * Freshservice's and BMC Helix's; ServiceNow's codes depend on the table): an adapter extends
 * `FixedDefaults(TEMPLATES, STATE_CODES)` and writes only how it sends, as Nest's `PartialType` makes a class.
 */
export function FixedDefaults(templates: Record<OutboundKind, string>, stateCodes: Partial<Record<OutboundKind, string>>) {
  return class implements Pick<OutboundAdapter, 'defaultTemplates' | 'defaultStateCodes'> {
    defaultTemplates(): Record<OutboundKind, string> {
      return templates;
    }

    defaultStateCodes(): Partial<Record<OutboundKind, string>> {
      return stateCodes;
    }
  };
}

/** The client's ITSM base URL without a trailing slash, what previews put paths after. */
export function outboundBase(client: ClientConfig): string {
  return client.outbound!.baseUrl.replace(/\/$/, '');
}
