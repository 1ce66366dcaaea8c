import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import axios from 'axios';
import { INestApplication } from '@nestjs/common';
import { SERVICE_GROUPS } from '@bridge/contracts';
import { bootstrapService } from '@bridge/platform';
import { uniqueName, waitFor } from '@bridge/test-infra';
import { signBody } from '@bridge/webhook-security';
import { RunningSandbox, startSandbox } from '../../apps/sandbox/src/start-sandbox';
import type { ApiUser } from '../../apps/sandbox/src/tangoe/store/tangoe-store';
import { ItsmName, StandInClient, addStandIn, inboundEntry, outboundEntry } from './itsm-stand-ins';

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
  /** The operators' console, when `console` was asked for ('' otherwise). */
  consoleUrl: string;
  clientsFile: string;
  /** Writes the clients file anew with these clients' entries (any of `clients` and `reserve`), as an operator's rollout of a new ConfigMap would. */
  writeClientsFile(clientIds: string[]): void;
  /** Stops the notifier and starts it again on the same port (it reads its settings and the clients file anew); resolves to its URL. */
  restartNotifier(): Promise<string>;
  stopNotifier(): Promise<void>;
  /** Starts the notifier again (it reads the clients file anew); resolves to its new URL. */
  startNotifier(): Promise<string>;
  adminToken: string;
  clients: HarnessClient[];
  postServiceNow(clientId: string, payload: unknown): Promise<{ status: number; data: any }>;
  stopGateway(): Promise<void>;
  /** Stops the ingress (the ITSMs' webhooks then find nobody) and starts it again on the same port. */
  stopIngress(): Promise<void>;
  startIngress(): Promise<void>;
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
  /** The run's topic, group and schema namespace; unset, a fresh one (a test that grants ACLs first names it). */
  namespace?: string;
  /**
   * Clients set up everywhere but in the clients file: a Tangoe API user, an ITSM site whose webhooks post to the
   * ingress, their secrets in the environment. A test adds them with `writeClientsFile` and a reload.
   */
  reserve?: string[];
  env?: Record<string, string>;
  /**
   * Per service, settings of its own on top of `env` (each its own Kafka principal, as the Helm chart gives it):
   * set while that service starts, since each reads its settings then.
   */
  serviceEnv?: Partial<Record<'ingress' | 'gateway' | 'notifier', Record<string, string>>>;
  gateway?: boolean;
  notifier?: boolean;
  /** Starts the operators' console too (it needs the notifier), reading the services' admin APIs as the Helm chart has it. */
  console?: boolean;
  /** The console's own settings on top of the harness's. */
  consoleEnv?: Record<string, string>;
  /** Per client, YAML lines that replace its generated `outbound:` block (indented as list-item fields). */
  outbound?: Record<string, (sandboxUrl: string) => string>;
  /** Per client, YAML lines added to its entry (indented as list-item fields), e.g. an `activities:` block. */
  extra?: Record<string, (sandboxUrl: string) => string>;
  /** Per client, its ITSM: ServiceNow unless named here; a Jira client gets a sandbox Jira site of its own. */
  itsm?: Record<string, ItsmName>;
  /** Zendesk clients whose webhook is subscribed to Zendesk's ticket events rather than the documented trigger body. */
  zendeskEvents?: string[];
  /** Clients whose ITSM sends no webhooks (`inbound.webhooks: false`): the bridge learns of their changes by reconciliation alone. */
  webhooksOff?: string[];
  /** Per client, `inbound.requestsPerSecond`: the webhooks the ingress takes from it in a second. */
  requestsPerSecond?: Record<string, number>;
}

export { freshserviceRequester, helixRequester, jiraBridgeAccount, jiraCaller, zendeskCaller } from './itsm-stand-ins';

/** Runs `start` with `vars` set in the environment, then puts back what was there. */
async function withEnv<T>(vars: Record<string, string> | undefined, start: () => Promise<T>): Promise<T> {
  const before = Object.fromEntries(Object.keys(vars ?? {}).map((name) => [name, process.env[name]]));
  Object.assign(process.env, vars);
  try {
    return await start();
  } finally {
    for (const [name, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

export async function startBridge(options: BridgeOptions = {}): Promise<Bridge> {
  const namespace = options.namespace ?? uniqueName('e2e');
  const clients: HarnessClient[] = [...(options.clients ?? ['acme', 'globex']), ...(options.reserve ?? [])].map((id) => ({ id, webhookSecret: `${id}-hook-${namespace}`, tangoeToken: `${id}-tangoe-${namespace}` }));
  const apiUsers: ApiUser[] = clients.map((c) => ({ name: `${c.id}-api`, company: c.id, apiToken: c.tangoeToken, clientId: `${c.id}-cid`, clientSecret: `${c.id}-csecret` }));
  const sandbox = await startSandbox({ port: 0, tangoe: { apiUsers } });
  const standIn = (c: HarnessClient): StandInClient => ({
    id: c.id,
    itsm: options.itsm?.[c.id] ?? 'servicenow',
    webhookSecret: c.webhookSecret,
    itsmPassword: `sn-${c.id}-${namespace}`,
    webhooksOff: options.webhooksOff?.includes(c.id),
    zendeskEvents: options.zendeskEvents?.includes(c.id),
    requestsPerSecond: options.requestsPerSecond?.[c.id],
  });

  const dir = mkdtempSync(path.join(os.tmpdir(), 'bridge-e2e-'));
  const clientsFile = path.join(dir, 'clients.yaml');
  const entryOf = (c: HarnessClient) => `  - id: ${c.id}
${inboundEntry(standIn(c))}
    tangoe:
      baseUrl: '${sandbox.url}'
      apiUser: ${c.id}-api
      auth: { type: api-token, token: { env: ${c.id.toUpperCase()}_TANGOE } }
      push: { secret: { env: ${c.id.toUpperCase()}_TANGOE_PUSH } }
${options.outbound?.[c.id]?.(sandbox.url) ?? outboundEntry(standIn(c), sandbox.url)}${options.extra?.[c.id] ? `\n${options.extra[c.id](sandbox.url)}` : ''}`;
  const writeClientsFile = (clientIds: string[]) =>
    writeFileSync(clientsFile, `version: 1\nclients:\n${clientIds.map((id) => entryOf(clients.find((c) => c.id === id)!)).join('\n')}\n`);
  writeClientsFile(clients.filter((c) => !options.reserve?.includes(c.id)).map((c) => c.id));
  const adminToken = `admin-${namespace}-${randomBytes(16).toString('hex')}`;
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

  // Each service reads its settings from the environment when it starts, so it is set before any starts.
  const { IngressModule } = await import('../../apps/ingress/src/app.module');
  const { TANGOE_GATEWAY_SERVICE } = await import('../../apps/tangoe-gateway/src/app.module');
  const startIngress = () => withEnv(options.serviceEnv?.ingress, () => bootstrapService({ service: 'ingress', module: IngressModule, defaultPort: 0, parseJsonBodies: false }));
  let ingress = await startIngress();
  let gateway: INestApplication | undefined;
  const startGateway = async () => {
    process.env.PORT = '0';
    gateway = await withEnv(options.serviceEnv?.gateway, () => bootstrapService({ ...TANGOE_GATEWAY_SERVICE, defaultPort: 0 }));
  };
  process.env.PORT = '0';
  if (options.gateway !== false) await startGateway();
  const urlOf = async (app: INestApplication) => (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const ingressUrl = await urlOf(ingress);
  const gatewayUrl = gateway ? await urlOf(gateway) : '';
  // Each client's ITSM, whose webhooks post to the ingress, the bridge's own writes included (none when they are off).
  for (const c of clients) {
    addStandIn(sandbox, standIn(c), ingressUrl);
    sandbox.tangoe.webhooks.set(c.id, { url: `${ingressUrl}/v1/clients/${c.id}/tangoe/webhooks`, secret: `push-${c.id}-${namespace}` });
  }
  let notifier: INestApplication | undefined;
  const startNotifier = async (port = '0') => {
    const { OutboundNotifierModule } = await import('../../apps/outbound-notifier/src/app.module');
    process.env.PORT = port;
    notifier = await withEnv(options.serviceEnv?.notifier, () =>
      bootstrapService({ service: 'outbound-notifier', module: OutboundNotifierModule, defaultPort: 0, consumes: { topic: (topics) => topics.tangoeEvents, group: SERVICE_GROUPS.notifier } }),
    );
  };
  if (options.notifier) await startNotifier();
  let operatorConsole: INestApplication | undefined;
  if (options.console) {
    // As the Helm chart does: the console reads and acts through the services' admin APIs at these URLs.
    const { bootstrapConsole } = await import('../../apps/console/src/bootstrap-console');
    const consoleEnv = { INGRESS_ADMIN_URL: ingressUrl, GATEWAY_ADMIN_URL: gatewayUrl, NOTIFIER_ADMIN_URL: notifier ? await urlOf(notifier) : '', PORT: '0', CONSOLE_REFRESH_SECONDS: '1', ...options.consoleEnv };
    operatorConsole = await withEnv(consoleEnv, () => bootstrapConsole(0));
  }

  return {
    sandbox,
    ingressUrl,
    gatewayUrl,
    notifierUrl: notifier ? await urlOf(notifier) : '',
    consoleUrl: operatorConsole ? await urlOf(operatorConsole) : '',
    clientsFile,
    writeClientsFile,
    /** Stops the notifier and starts it again on its port: it reads its settings and the clients file anew, as a rollout would. */
    async restartNotifier() {
      const port = notifier ? new URL(await urlOf(notifier)).port : '0';
      await notifier?.close();
      await startNotifier(port);
      return urlOf(notifier!);
    },
    async stopNotifier() {
      await notifier?.close();
      notifier = undefined;
    },
    async startNotifier() {
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
    async stopIngress() {
      await ingress.close();
    },
    async startIngress() {
      process.env.PORT = new URL(ingressUrl).port;
      ingress = await startIngress();
      process.env.PORT = '0';
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
      await operatorConsole?.close();
      await notifier?.close();
      await gateway?.close();
      await ingress.close();
      await sandbox.close();
    },
  };
}
