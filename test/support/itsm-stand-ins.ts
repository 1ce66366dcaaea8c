import type { RunningSandbox } from '../../apps/sandbox/src/start-sandbox';

/**
 * A client of the bridge on one of the sandbox's ITSM stand-ins, as the tests and the fault suite set it up: its
 * clients-file entry and its sandbox site, whose webhooks post to the ingress (none when they are off). Secrets come
 * from the environment variables `<ID>_HOOK` (the webhook's) and `<ID>_SN_PASSWORD` (the bridge's login at the ITSM).
 */
export type ItsmName = 'servicenow' | 'jira' | 'zendesk' | 'freshservice' | 'bmc-helix';

export interface StandInClient {
  id: string;
  itsm: ItsmName;
  /** The webhook's secret (the value of `<ID>_HOOK`). */
  webhookSecret: string;
  /** The bridge's password or API token at the ITSM (the value of `<ID>_SN_PASSWORD`). */
  itsmPassword: string;
  /** No webhooks at all (`inbound.webhooks: false`): the bridge learns of changes by reconciliation alone. */
  webhooksOff?: boolean;
  /** A Zendesk client subscribed to Zendesk's ticket events rather than the documented trigger body. */
  zendeskEvents?: boolean;
  /** `inbound.requestsPerSecond`: the webhooks an ingress takes from the client in a second. */
  requestsPerSecond?: number;
  /** Jira's and Zendesk's retry schedules scaled (0.01: Jira's 5 to 15 minutes become 3 to 9 seconds). */
  webhookTimeScale?: number;
}

/** The sandbox Zendesk's groups: an event-subscription body names a ticket's group by id only. */
export const ZENDESK_GROUPS = { Mobility: 360001, 'Service Desk': 360002 };

/** The Jira account the bridge writes as in a client's site (its accountId is the echo marker). */
export const jiraBridgeAccount = (clientId: string, password: string) => ({ accountId: `bridge-${clientId}`, email: `bridge@${clientId}.example`, apiToken: password, displayName: 'Tangoe Bridge' });
/** A person of the client's Freshservice who raises tickets and adds notes. */
export const freshserviceRequester = { id: '27000123456', apiKey: 'ann-key', name: 'Ann Smith' };
/** A person of the client's BMC Helix who raises incidents and adds work logs. */
export const helixRequester = { loginId: 'asmith', password: 'ann-password', firstName: 'Ann', lastName: 'Smith' };
/** A person of the client's Zendesk who opens tickets and comments. */
export const zendeskCaller = { id: '422148930', email: 'ann.smith@example.com', apiToken: 'ann-token', name: 'Ann Smith' };
/** A person of the client's Jira who opens issues and comments. */
export const jiraCaller = { accountId: '5b10ac8d82e05b22cc7d4ef5', email: 'ann.smith@example.com', apiToken: 'ann-token', displayName: 'Ann Smith' };
/** The ServiceNow user the bridge writes as. */
export const SERVICENOW_BRIDGE_USER = 'tangoe.bridge';

/** The client's `itsm`, `inbound`, `routing` and `mapping` lines (indented as list-item fields). */
export function inboundEntry(client: StandInClient): string {
  const entry = INBOUND[client.itsm === 'zendesk' && client.zendeskEvents ? 'zendesk-events' : client.itsm](client.id.toUpperCase());
  const limited = client.requestsPerSecond ? entry.replace('    inbound: { ', `    inbound: { requestsPerSecond: ${client.requestsPerSecond}, `) : entry;
  return client.webhooksOff ? limited.replace('    inbound: { ', '    inbound: { webhooks: false, ') : limited;
}

/** The client's `outbound` block: where and as whom the bridge writes Tangoe's updates. */
export function outboundEntry(client: StandInClient, sandboxUrl: string): string {
  const { id } = client;
  const password = `{ env: ${id.toUpperCase()}_SN_PASSWORD }`;
  switch (client.itsm) {
    case 'jira':
      return `    outbound:\n      baseUrl: '${sandboxUrl}/jira/${id}'\n      auth: { type: basic, username: bridge@${id}.example, password: ${password} }\n      integrationUser: bridge-${id}\n      assignmentGroup: ${jiraCaller.accountId}`;
    case 'zendesk':
      return `    outbound:\n      baseUrl: '${sandboxUrl}/zendesk/${id}'\n      auth: { type: basic, username: bridge@${id}.example/token, password: ${password} }\n      integrationUser: bridge-${id}`;
    case 'freshservice':
      return `    outbound:\n      baseUrl: '${sandboxUrl}/freshservice/${id}'\n      auth: { type: basic, usernameSecret: ${password} }\n      integrationUser: bridge-${id}`;
    case 'bmc-helix':
      return `    outbound:\n      baseUrl: '${sandboxUrl}/bmc-helix/${id}'\n      auth: { type: ar-jwt, username: bridge-${id}, password: ${password} }\n      integrationUser: bridge-${id}\n      assignmentGroup: Service Desk`;
    case 'servicenow':
      return `    outbound:\n      baseUrl: '${sandboxUrl}/servicenow/${id}'\n      auth: { type: basic, username: ${SERVICENOW_BRIDGE_USER}, password: ${password} }\n      integrationUser: ${SERVICENOW_BRIDGE_USER}\n      assignmentGroup: Service Desk`;
  }
}

/** The client's site in the sandbox's stand-in of its ITSM, its webhooks posting to the ingress unless they are off. */
export function addStandIn(sandbox: RunningSandbox, client: StandInClient, ingressUrl: string): void {
  const { id } = client;
  const hook = (itsm: ItsmName) => (client.webhooksOff ? undefined : `${ingressUrl}/v1/clients/${id}/webhooks/${itsm}`);
  const url = hook(client.itsm);
  switch (client.itsm) {
    case 'freshservice':
      sandbox.freshservice.add({
        name: id,
        agents: [{ id: `bridge-${id}`, apiKey: client.itsmPassword, name: 'Tangoe Bridge' }, freshserviceRequester],
        webhook: url ? { url, username: 'freshservice-workflow', password: client.webhookSecret } : undefined,
      });
      return;
    case 'bmc-helix':
      sandbox.helix.add({
        name: id,
        users: [{ loginId: `bridge-${id}`, password: client.itsmPassword, firstName: 'Tangoe', lastName: 'Bridge' }, helixRequester],
        webhook: url ? { url, username: 'helix-webhook', password: client.webhookSecret } : undefined,
      });
      return;
    case 'zendesk':
      sandbox.zendesk.add({
        name: id,
        users: [{ id: `bridge-${id}`, email: `bridge@${id}.example`, apiToken: client.itsmPassword, name: 'Tangoe Bridge' }, zendeskCaller],
        webhook: url ? { url, secret: client.webhookSecret, style: client.zendeskEvents ? 'events' : 'trigger', timeScale: client.webhookTimeScale } : undefined,
        groups: ZENDESK_GROUPS,
      });
      return;
    case 'jira':
      sandbox.jira.add({ name: id, accounts: [jiraBridgeAccount(id, client.itsmPassword), jiraCaller], webhook: url ? { url, secret: client.webhookSecret, timeScale: client.webhookTimeScale } : undefined });
      return;
    case 'servicenow':
      sandbox.servicenow.add({ name: id, username: SERVICENOW_BRIDGE_USER, password: client.itsmPassword, webhook: url ? { url, secret: client.webhookSecret } : undefined });
  }
}

const INBOUND: Record<ItsmName | 'zendesk-events', (ID: string) => string> = {
  servicenow: (ID) => `    itsm: servicenow
    inbound: { type: hmac, secret: { env: ${ID}_HOOK } }
    routing: [{ field: assignment_group, in: [Mobility] }]
    mapping:
      defaultRequestType: Tech Support
      requestTypes: { hardware/mobile: Device Replacement }
      deviceTypes: { smartphone: Smart Phone }
      vip: { priorities: ['1'] }`,
  // Jira signs its webhooks in X-Hub-Signature; issues of the MOB project go to Tangoe.
  jira: (ID) => `    itsm: jira
    inbound: { type: hmac, secret: { env: ${ID}_HOOK }, header: X-Hub-Signature }
    routing: [{ field: project.key, equals: MOB }]
    mapping:
      defaultRequestType: Tech Support
      requestTypes: { Hardware: Device Replacement }
      fields: { requestorNumber: customfield_phone }`,
  // Zendesk signs base64 HMAC of its timestamp header and the body; tickets of the Mobility group go to Tangoe.
  zendesk: (ID) => `    itsm: zendesk
    inbound: { type: hmac, secret: { env: ${ID}_HOOK }, header: X-Zendesk-Webhook-Signature, encoding: base64, timestampHeader: X-Zendesk-Webhook-Signature-Timestamp }
    routing: [{ field: group, equals: Mobility }]
    mapping:
      defaultRequestType: Tech Support`,
  // Zendesk's ticket events name the group and the requester by id: routed by group id, the requestor from fallbacks.
  'zendesk-events': (ID) => `    itsm: zendesk
    inbound: { type: hmac, secret: { env: ${ID}_HOOK }, header: X-Zendesk-Webhook-Signature, encoding: base64, timestampHeader: X-Zendesk-Webhook-Signature-Timestamp }
    routing: [{ field: group_id, equals: '${ZENDESK_GROUPS.Mobility}' }]
    mapping:
      defaultRequestType: Tech Support
      fallbacks: { requestorName: ${ID.toLowerCase()} service desk, requestorNumber: '+1 555 0100' }`,
  // Freshservice's workflow webhook authenticates with Basic credentials; tickets of the Mobility group go to Tangoe.
  freshservice: (ID) => `    itsm: freshservice
    inbound: { type: basic, username: freshservice-workflow, password: { env: ${ID}_HOOK } }
    routing: [{ field: group, equals: Mobility }]
    mapping:
      defaultRequestType: Tech Support`,
  // Helix's webhook authenticates with Basic credentials; incidents of the Mobility group go to Tangoe.
  'bmc-helix': (ID) => `    itsm: bmc-helix
    inbound: { type: basic, username: helix-webhook, password: { env: ${ID}_HOOK } }
    routing: [{ field: Assigned Group, equals: Mobility }]
    mapping:
      defaultRequestType: Tech Support`,
};
