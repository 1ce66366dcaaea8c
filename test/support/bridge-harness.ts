import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import axios from 'axios';
import { INestApplication } from '@nestjs/common';
import { bootstrapService } from '@bridge/platform';
import { uniqueName, waitFor } from '@bridge/test-infra';
import { signBody } from '@bridge/webhook-security';
import { RunningSandbox, startSandbox } from '../../apps/sandbox/src/start-sandbox';
import type { ApiUser } from '../../apps/sandbox/src/tangoe/tangoe-store';

export interface HarnessClient {
  id: string;
  webhookSecret: string;
  tangoeToken: string;
}

export interface Bridge {
  sandbox: RunningSandbox;
  ingressUrl: string;
  gatewayUrl: string;
  notifierUrl: string;
  clientsFile: string;
  restartNotifier(): Promise<string>;
  adminToken: string;
  clients: HarnessClient[];
  postServiceNow(clientId: string, payload: unknown): Promise<{ status: number; data: any }>;
  stopGateway(): Promise<void>;
  startGateway(): Promise<void>;
  /**
   * Resolves once nothing more is on its way, the positive signal before checking that nothing more happened: every
   * sandbox ITSM's webhooks answered, Tangoe's pushes answered, and the gateway's and the notifier's consumers caught
   * up (`bridge_consumer_lag` 0 on both, twice in a row).
   */
  quiescent(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The client → Tangoe path for real: the sandbox Tangoe over HTTP, the ingress and the gateway as Nest apps on
 * the run's Kafka and PostgreSQL, each test run in its own topics and schemas.
 */
export interface BridgeOptions {
  clients?: string[];
  env?: Record<string, string>;
  gateway?: boolean;
  notifier?: boolean;
  /** Per client, YAML lines that replace its generated `outbound:` block (indented as list-item fields). */
  outbound?: Record<string, (sandboxUrl: string) => string>;
  /** Per client, YAML lines added to its entry (indented as list-item fields), e.g. an `activities:` block. */
  extra?: Record<string, (sandboxUrl: string) => string>;
  /** Per client, its ITSM: ServiceNow unless named here; a Jira client gets a sandbox Jira site of its own. */
  itsm?: Record<string, 'servicenow' | 'jira' | 'zendesk' | 'freshservice' | 'bmc-helix'>;
  /** Zendesk clients whose webhook is subscribed to Zendesk's ticket events rather than the documented trigger body. */
  zendeskEvents?: string[];
  /** Clients whose ITSM sends no webhooks (`inbound.webhooks: false`): the bridge learns of their changes by reconciliation alone. */
  webhooksOff?: string[];
}

/** The sandbox Zendesk's groups: an event-subscription body names a ticket's group by id only. */
const ZENDESK_GROUPS = { Mobility: 360001, 'Service Desk': 360002 };

/** The Jira account the bridge writes as in a harness client's site (its accountId is the echo marker). */
export const jiraBridgeAccount = (clientId: string, password: string) => ({ accountId: `bridge-${clientId}`, email: `bridge@${clientId}.example`, apiToken: password, displayName: 'Tangoe Bridge' });
/** A person of the client's Freshservice who raises tickets and adds notes. */
export const freshserviceRequester = { id: '27000123456', apiKey: 'ann-key', name: 'Ann Smith' };
/** A person of the client's BMC Helix who raises incidents and adds work logs. */
export const helixRequester = { loginId: 'asmith', password: 'ann-password', firstName: 'Ann', lastName: 'Smith' };
/** A person of the client's Zendesk who opens tickets and comments. */
export const zendeskCaller = { id: '422148930', email: 'ann.smith@example.com', apiToken: 'ann-token', name: 'Ann Smith' };
/** A person of the client's Jira who opens issues and comments. */
export const jiraCaller = { accountId: '5b10ac8d82e05b22cc7d4ef5', email: 'ann.smith@example.com', apiToken: 'ann-token', displayName: 'Ann Smith' };

export async function startBridge(options: BridgeOptions = {}): Promise<Bridge> {
  const namespace = uniqueName('e2e');
  const clients: HarnessClient[] = (options.clients ?? ['acme', 'globex']).map((id) => ({ id, webhookSecret: `${id}-hook-${namespace}`, tangoeToken: `${id}-tangoe-${namespace}` }));
  const apiUsers: ApiUser[] = clients.map((c) => ({ name: `${c.id}-api`, company: c.id, apiToken: c.tangoeToken, clientId: `${c.id}-cid`, clientSecret: `${c.id}-csecret` }));
  const sandbox = await startSandbox({ port: 0, tangoe: { apiUsers } });

  const dir = mkdtempSync(path.join(os.tmpdir(), 'bridge-e2e-'));
  const clientsFile = path.join(dir, 'clients.yaml');
  writeFileSync(
    clientsFile,
    `version: 1\nclients:\n${clients
      .map(
        (c) => `  - id: ${c.id}
${{ jira: jiraEntry, zendesk: options.zendeskEvents?.includes(c.id) ? zendeskEventsEntry : zendeskEntry, freshservice: freshserviceEntry, 'bmc-helix': helixEntry, servicenow: serviceNowEntry }[options.itsm?.[c.id] ?? 'servicenow'](c.id).replace('    inbound: { ', options.webhooksOff?.includes(c.id) ? '    inbound: { webhooks: false, ' : '    inbound: { ')}
    tangoe:
      baseUrl: '${sandbox.url}'
      apiUser: ${c.id}-api
      auth: { type: api-token, token: { env: ${c.id.toUpperCase()}_TANGOE } }
      push: { secret: { env: ${c.id.toUpperCase()}_TANGOE_PUSH } }
${
      options.outbound?.[c.id]?.(sandbox.url) ??
      (options.itsm?.[c.id] === 'jira'
        ? `    outbound:
      baseUrl: '${sandbox.url}/jira/${c.id}'
      auth: { type: basic, username: bridge@${c.id}.example, password: { env: ${c.id.toUpperCase()}_SN_PASSWORD } }
      integrationUser: bridge-${c.id}
      assignmentGroup: ${jiraCaller.accountId}`
        : options.itsm?.[c.id] === 'zendesk'
          ? `    outbound:
      baseUrl: '${sandbox.url}/zendesk/${c.id}'
      auth: { type: basic, username: bridge@${c.id}.example/token, password: { env: ${c.id.toUpperCase()}_SN_PASSWORD } }
      integrationUser: bridge-${c.id}`
          : options.itsm?.[c.id] === 'freshservice'
            ? `    outbound:
      baseUrl: '${sandbox.url}/freshservice/${c.id}'
      auth: { type: basic, usernameSecret: { env: ${c.id.toUpperCase()}_SN_PASSWORD } }
      integrationUser: bridge-${c.id}`
            : options.itsm?.[c.id] === 'bmc-helix'
              ? `    outbound:
      baseUrl: '${sandbox.url}/bmc-helix/${c.id}'
      auth: { type: ar-jwt, username: bridge-${c.id}, password: { env: ${c.id.toUpperCase()}_SN_PASSWORD } }
      integrationUser: bridge-${c.id}
      assignmentGroup: Service Desk`
              : undefined) ??
      `    outbound:
      baseUrl: '${sandbox.url}/servicenow/${c.id}'
      auth: { type: basic, username: tangoe.bridge, password: { env: ${c.id.toUpperCase()}_SN_PASSWORD } }
      integrationUser: tangoe.bridge
      assignmentGroup: Service Desk`
    }${options.extra?.[c.id] ? `\n${options.extra[c.id](sandbox.url)}` : ''}`,
      )
      .join('\n')}\n`,
  );
  const adminToken = `admin-${namespace}`;
  Object.assign(process.env, {
    CLIENTS_FILE: clientsFile,
    TOPIC_NAMESPACE: namespace,
    DATABASE_SCHEMA_PREFIX: namespace,
    KAFKA_PARTITIONS: '3',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    ADMIN_TOKEN: adminToken,
    GATEWAY_RETRY_INITIAL_MS: '200',
    POLL_INTERVAL_MS: '300',
    RECONCILE_INTERVAL_MS: '300',
    DELIVERY_TIME_SCALE: '0.001',
    DELIVERY_POLL_MS: '50',
    ...Object.fromEntries(
      clients.flatMap((c) => [
        [`${c.id.toUpperCase()}_HOOK`, c.webhookSecret],
        [`${c.id.toUpperCase()}_TANGOE`, c.tangoeToken],
        [`${c.id.toUpperCase()}_SN_PASSWORD`, `sn-${c.id}-${namespace}`],
        [`${c.id.toUpperCase()}_TANGOE_PUSH`, `push-${c.id}-${namespace}`],
      ]),
    ),
    ...options.env,
  });

  // @nestjs/config reads the environment when a module is defined: load the modules after setting it.
  const { IngressModule } = await import('../../apps/ingress/src/app.module');
  const { TangoeGatewayModule } = await import('../../apps/tangoe-gateway/src/app.module');
  const { GATEWAY_RETRY_POLICY } = await import('../../apps/tangoe-gateway/src/tickets/gateway-retry-policy');
  const ingress = await bootstrapService({ service: 'ingress', module: IngressModule, defaultPort: 0, parseJsonBodies: false });
  let gateway: INestApplication | undefined;
  const startGateway = async () => {
    process.env.PORT = '0';
    gateway = await bootstrapService({
      service: 'tangoe-gateway',
      module: TangoeGatewayModule,
      defaultPort: 0,
      consumes: { topic: (topics) => topics.clientEvents, group: 'tangoe-gateway', retry: GATEWAY_RETRY_POLICY },
    });
  };
  process.env.PORT = '0';
  if (options.gateway !== false) await startGateway();
  const urlOf = async (app: INestApplication) => (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const ingressUrl = await urlOf(ingress);
  // Each client's ITSM, whose webhooks post to the ingress, the bridge's own writes included (none when they are off).
  for (const c of clients) {
    const hooks = !options.webhooksOff?.includes(c.id);
    if (options.itsm?.[c.id] === 'freshservice') {
      sandbox.freshservice.add({
        name: c.id,
        agents: [{ id: `bridge-${c.id}`, apiKey: `sn-${c.id}-${namespace}`, name: 'Tangoe Bridge' }, freshserviceRequester],
        webhook: hooks ? { url: `${ingressUrl}/v1/clients/${c.id}/webhooks/freshservice`, username: 'freshservice-workflow', password: c.webhookSecret } : undefined,
      });
    }
    if (options.itsm?.[c.id] === 'bmc-helix') {
      sandbox.helix.add({
        name: c.id,
        users: [{ loginId: `bridge-${c.id}`, password: `sn-${c.id}-${namespace}`, firstName: 'Tangoe', lastName: 'Bridge' }, helixRequester],
        webhook: hooks ? { url: `${ingressUrl}/v1/clients/${c.id}/webhooks/bmc-helix`, username: 'helix-webhook', password: c.webhookSecret } : undefined,
      });
    }
    if (options.itsm?.[c.id] === 'zendesk') {
      sandbox.zendesk.add({
        name: c.id,
        users: [{ id: `bridge-${c.id}`, email: `bridge@${c.id}.example`, apiToken: `sn-${c.id}-${namespace}`, name: 'Tangoe Bridge' }, zendeskCaller],
        webhook: hooks ? { url: `${ingressUrl}/v1/clients/${c.id}/webhooks/zendesk`, secret: c.webhookSecret, style: options.zendeskEvents?.includes(c.id) ? 'events' : 'trigger' } : undefined,
        groups: ZENDESK_GROUPS,
      });
    }
    if (options.itsm?.[c.id] === 'jira') {
      sandbox.jira.add({
        name: c.id,
        accounts: [jiraBridgeAccount(c.id, `sn-${c.id}-${namespace}`), jiraCaller],
        webhook: hooks ? { url: `${ingressUrl}/v1/clients/${c.id}/webhooks/jira`, secret: c.webhookSecret } : undefined,
      });
    }
    sandbox.servicenow.add({ name: c.id, username: 'tangoe.bridge', password: `sn-${c.id}-${namespace}`, webhook: hooks ? { url: `${ingressUrl}/v1/clients/${c.id}/webhooks/servicenow`, secret: c.webhookSecret } : undefined });
    sandbox.tangoe.webhooks.set(c.id, { url: `${ingressUrl}/v1/clients/${c.id}/tangoe/webhooks`, secret: `push-${c.id}-${namespace}` });
  }
  let notifier: INestApplication | undefined;
  const startNotifier = async () => {
    const { OutboundNotifierModule } = await import('../../apps/outbound-notifier/src/app.module');
    process.env.PORT = '0';
    notifier = await bootstrapService({ service: 'outbound-notifier', module: OutboundNotifierModule, defaultPort: 0, consumes: { topic: (topics) => topics.tangoeEvents, group: 'outbound-notifier' } });
  };
  if (options.notifier) await startNotifier();

  return {
    sandbox,
    ingressUrl,
    gatewayUrl: gateway ? await urlOf(gateway) : '',
    notifierUrl: notifier ? await urlOf(notifier) : '',
    clientsFile,
    /** Stops the notifier and starts it again: it reads the clients file anew, as a rollout would. */
    async restartNotifier() {
      await notifier?.close();
      await startNotifier();
      return urlOf(notifier!);
    },
    adminToken,
    clients,
    async postServiceNow(clientId, payload) {
      const raw = JSON.stringify(payload);
      const secret = clients.find((c) => c.id === clientId)?.webhookSecret ?? 'unknown';
      return axios.post(`${ingressUrl}/v1/clients/${clientId}/webhooks/servicenow`, raw, {
        headers: { 'content-type': 'application/json', 'x-bridge-signature': signBody(secret, raw) },
        validateStatus: () => true,
        transformRequest: (data) => data,
      });
    },
    async stopGateway() {
      await gateway?.close();
      gateway = undefined;
    },
    startGateway,
    async quiescent() {
      const lagOf = async (app: INestApplication | undefined) => {
        if (!app) return 0;
        const metrics = (await axios.get<string>(`${await urlOf(app)}/metrics`, { responseType: 'text' })).data;
        const lags = metrics.split('\n').filter((line) => line.startsWith('bridge_consumer_lag{'));
        // No lag reported is no signal at all: the consumer is not subscribed yet, or the metric is gone.
        if (lags.length === 0) throw new Error(`${await urlOf(app)}/metrics reports no bridge_consumer_lag`);
        return lags.reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
      };
      const itsms = [sandbox.servicenow, sandbox.jira, sandbox.zendesk, sandbox.freshservice, sandbox.helix].flatMap((standIns) => [...standIns.byName.values()]);
      let calm = 0;
      await waitFor(
        async () => {
          await sandbox.tangoe.pusher.settled();
          const pending = itsms.reduce((sum, itsm) => sum + itsm.pendingWebhooks(), 0);
          const lag = (await lagOf(gateway)) + (await lagOf(notifier));
          calm = pending === 0 && lag === 0 ? calm + 1 : 0;
          return calm >= 2;
        },
        { description: 'the bridge quiescent: no webhook, push or event left unanswered', intervalMs: 100 },
      );
    },
    async close() {
      await notifier?.close();
      await gateway?.close();
      await ingress.close();
      await sandbox.close();
    },
  };
}

function serviceNowEntry(id: string): string {
  return `    itsm: servicenow
    inbound: { type: hmac, secret: { env: ${id.toUpperCase()}_HOOK } }
    routing: [{ field: assignment_group, in: [Mobility] }]
    mapping:
      defaultRequestType: Tech Support
      requestTypes: { hardware/mobile: Device Replacement }
      deviceTypes: { smartphone: Smart Phone }
      vip: { priorities: ['1'] }`;
}

/** Jira signs its webhooks in X-Hub-Signature; issues of the MOB project go to Tangoe. */
function jiraEntry(id: string): string {
  return `    itsm: jira
    inbound: { type: hmac, secret: { env: ${id.toUpperCase()}_HOOK }, header: X-Hub-Signature }
    routing: [{ field: project.key, equals: MOB }]
    mapping:
      defaultRequestType: Tech Support
      requestTypes: { Hardware: Device Replacement }
      fields: { requestorNumber: customfield_phone }`;
}

/** Zendesk signs base64 HMAC of its timestamp header and the body; tickets of the Mobility group go to Tangoe. */
function zendeskEntry(id: string): string {
  return `    itsm: zendesk
    inbound: { type: hmac, secret: { env: ${id.toUpperCase()}_HOOK }, header: X-Zendesk-Webhook-Signature, encoding: base64, timestampHeader: X-Zendesk-Webhook-Signature-Timestamp }
    routing: [{ field: group, equals: Mobility }]
    mapping:
      defaultRequestType: Tech Support`;
}

/** Zendesk's ticket events name the group and the requester by id: routed by group id, the requestor from fallbacks. */
function zendeskEventsEntry(id: string): string {
  return `    itsm: zendesk
    inbound: { type: hmac, secret: { env: ${id.toUpperCase()}_HOOK }, header: X-Zendesk-Webhook-Signature, encoding: base64, timestampHeader: X-Zendesk-Webhook-Signature-Timestamp }
    routing: [{ field: group_id, equals: '${ZENDESK_GROUPS.Mobility}' }]
    mapping:
      defaultRequestType: Tech Support
      fallbacks: { requestorName: ${id} service desk, requestorNumber: '+1 555 0100' }`;
}

/** Freshservice's workflow webhook authenticates with Basic credentials; tickets of the Mobility group go to Tangoe. */
function freshserviceEntry(id: string): string {
  return `    itsm: freshservice
    inbound: { type: basic, username: freshservice-workflow, password: { env: ${id.toUpperCase()}_HOOK } }
    routing: [{ field: group, equals: Mobility }]
    mapping:
      defaultRequestType: Tech Support`;
}

/** Helix's webhook authenticates with Basic credentials; incidents of the Mobility group go to Tangoe. */
function helixEntry(id: string): string {
  return `    itsm: bmc-helix
    inbound: { type: basic, username: helix-webhook, password: { env: ${id.toUpperCase()}_HOOK } }
    routing: [{ field: Assigned Group, equals: Mobility }]
    mapping:
      defaultRequestType: Tech Support`;
}
