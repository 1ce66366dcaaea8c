import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyBusGrants, busGrants } from '@bridge/messaging';
import { uniqueName } from '@bridge/test-infra';
import { RunningSandbox, startSandbox } from '../../../apps/sandbox/src/start-sandbox';
import { seededRandom } from '../../../apps/sandbox/src/tangoe/controls/seeded-random';
import { freePort } from '../free-port';
import { ItsmName, SERVICENOW_BRIDGE_USER, StandInClient, addStandIn, inboundEntry, outboundEntry } from '../itsm-stand-ins';
import { LocalPrincipal, localSecuredBroker, testConnection } from '../kafka-test-kit';
import { ItsmDesk, deskOf } from './itsm-desks';
import { ServiceApp, ServiceFleet } from './service-fleet';

/** How each client of the run takes Tangoe's activities: acme's RITMs updated (pushed and polled), globex's mirrored (polled only). */
const ACTIVITIES: Record<string, string> = {
  acme: '    activities:\n      mode: update\n      push: { username: tangoe-workflow, password: { env: ACME_ACTIVITY_PUSH } }',
  globex: '    activities:\n      mode: mirror',
};

/** The ServiceNow user the bridge writes as (the activities' records are ServiceNow's). */
export const BRIDGE_USER = SERVICENOW_BRIDGE_USER;

/** The run's clients, one or more on each of the five ITSMs; acme's and globex's ServiceNow also take activities. */
export const FAULT_CLIENTS: Record<string, ItsmName> = { acme: 'servicenow', globex: 'servicenow', initech: 'jira', umbrella: 'zendesk', hooli: 'freshservice', stark: 'bmc-helix' };

/** Jira's retries (5 to 15 minutes) and Zendesk's pauses at 1/100: a run is minutes, not hours. */
const WEBHOOK_TIME_SCALE = 0.01;

export interface BridgeSystem {
  sandbox: RunningSandbox;
  fleet: ServiceFleet;
  clients: string[];
  /** Each client's service desk, as the workload and the audit use it. */
  desks: ReadonlyMap<string, ItsmDesk>;
  adminToken: string;
  logDir: string;
  close(): Promise<void>;
}

/**
 * What the network between each ServiceNow and the ingress does to the business rule's webhooks, which are posted
 * once (`executeAsync`): a share never arrives, some arrive twice, some late. With the ingress killed now and then,
 * more are lost; the doorbell read and reconciliation must find every change anyway, in order.
 */
export const WEBHOOK_NETWORK = { lose: 0.05, twice: 0.03, late: 0.03, lateMs: 1_500 };

/**
 * The whole bridge as it is deployed: one ingress, two gateways and two notifiers, each its own process on the run's
 * Kafka and PostgreSQL, in front of the sandbox's Tangoe and each client's ITSM stand-in, delivering webhooks as its
 * vendor does: ServiceNow's business rule posts once, over a lossy network (`WEBHOOK_NETWORK`); Jira retries some
 * answers; Zendesk retries a few times, then breaks the circuit; Freshservice's and Helix's workflows post once.
 */
export async function startBridgeSystem(itsms: Record<string, ItsmName>): Promise<BridgeSystem> {
  const clients = Object.keys(itsms);
  const namespace = uniqueName('faults');
  const secrets = Object.fromEntries(clients.map((id) => [id, { hook: `${id}-hook-${namespace}`, tangoe: `${id}-tangoe-${namespace}`, itsm: `sn-${id}-${namespace}`, push: `push-${id}-${namespace}`, activityPush: `activity-${id}-${namespace}` }]));
  const sandbox = await startSandbox({ port: 0, tangoe: { apiUsers: clients.map((id) => ({ name: `${id}-api`, company: id, apiToken: secrets[id].tangoe, clientId: `${id}-cid`, clientSecret: `${id}-csecret` })) } });
  const logDir = mkdtempSync(path.join(os.tmpdir(), 'bridge-faults-'));
  const clientsFile = path.join(logDir, 'clients.yaml');
  // Zendesk's API names a ticket's group by id only: its client takes Zendesk's ticket events and routes by group_id,
  // so that reconciliation's reads route as its webhooks do (a trigger body's group name is not in the API's record).
  const standIns = clients.map((id): StandInClient => ({ id, itsm: itsms[id], webhookSecret: secrets[id].hook, itsmPassword: secrets[id].itsm, webhookTimeScale: WEBHOOK_TIME_SCALE, zendeskEvents: itsms[id] === 'zendesk' }));
  writeFileSync(clientsFile, `version: 1\nclients:\n${standIns.map((client) => clientEntry(client, sandbox.url)).join('\n')}\n`);

  const adminToken = `admin-${namespace}-${randomBytes(16).toString('hex')}`;
  const env: Record<string, string> = {
    CLIENTS_FILE: clientsFile,
    TOPIC_NAMESPACE: namespace,
    DATABASE_SCHEMA_PREFIX: namespace,
    KAFKA_PARTITIONS: '6',
    // FAULT_LOG_LEVEL=info keeps every delivery and publish in the replicas' logs, for a post-mortem.
    LOG_LEVEL: process.env.FAULT_LOG_LEVEL ?? 'warn',
    ADMIN_TOKEN: adminToken,
    GATEWAY_RETRY_INITIAL_MS: '200',
    POLL_INTERVAL_MS: '1000',
    RECONCILE_INTERVAL_MS: '5000',
    // Standard Webhooks' schedule at 1/1000: 5 min is 300 ms, the whole schedule before parking about 2 minutes.
    DELIVERY_TIME_SCALE: '0.001',
    DELIVERY_POLL_MS: '50',
    ...Object.fromEntries(
      clients.flatMap((id) => {
        const upper = id.toUpperCase();
        return [[`${upper}_HOOK`, secrets[id].hook], [`${upper}_TANGOE`, secrets[id].tangoe], [`${upper}_SN_PASSWORD`, secrets[id].itsm], [`${upper}_TANGOE_PUSH`, secrets[id].push], [`${upper}_ACTIVITY_PUSH`, secrets[id].activityPush]];
      }),
    ),
  };
  // Each service on its own principal, granted only its topics and groups, as in production (docs/security.md#the-bus):
  // a fault that makes a service reach for what it was not granted shows as a difference, not as a success.
  await applyBusGrants(testConnection(), busGrants(namespace));
  const broker = localSecuredBroker();
  const principals: Record<ServiceApp, LocalPrincipal> = { ingress: 'bridge-ingress', 'tangoe-gateway': 'bridge-gateway', 'outbound-notifier': 'bridge-notifier' };
  const fleet = new ServiceFleet(env, logDir, (app) => ({ KAFKA_SASL_USERNAME: principals[app], KAFKA_SASL_PASSWORD: broker.password(principals[app]) }));
  const ingressPort = await freePort();
  const ingressUrl = `http://127.0.0.1:${ingressPort}`;
  for (const client of standIns) {
    const { id } = client;
    addStandIn(sandbox, client, ingressUrl);
    if (client.itsm === 'servicenow') sandbox.servicenow.get(id).webhookNetwork.faults = { ...WEBHOOK_NETWORK, random: seededFrom(`${namespace}:${id}`) };
    sandbox.tangoe.webhooks.set(id, { url: `${ingressUrl}/v1/clients/${id}/tangoe/webhooks`, secret: secrets[id].push });
    if (ACTIVITIES[id]?.includes('push:')) sandbox.tangoe.pusher.activityWebhooks.set(id, { url: `${ingressUrl}/v1/clients/${id}/tangoe/activities`, username: 'tangoe-workflow', password: secrets[id].activityPush });
  }
  try {
    // One at a time: each runs its migrations at start.
    await fleet.start('ingress', 'ingress', ingressPort);
    for (const name of ['gateway-1', 'gateway-2']) await fleet.start(name, 'tangoe-gateway', await freePort());
    for (const name of ['notifier-1', 'notifier-2']) await fleet.start(name, 'outbound-notifier', await freePort());
  } catch (error) {
    await fleet.stopAll();
    await sandbox.close();
    throw error;
  }
  return {
    sandbox,
    fleet,
    clients,
    desks: new Map(standIns.map((client) => [client.id, deskOf(sandbox, client.id, client.itsm)])),
    adminToken,
    logDir,
    async close() {
      await fleet.stopAll();
      await sandbox.close();
    },
  };
}

function clientEntry(client: StandInClient, sandboxUrl: string): string {
  const { id } = client;
  const upper = id.toUpperCase();
  return `  - id: ${id}
${inboundEntry(client)}
    tangoe:
      baseUrl: '${sandboxUrl}'
      apiUser: ${id}-api
      auth: { type: api-token, token: { env: ${upper}_TANGOE } }
      push: { secret: { env: ${upper}_TANGOE_PUSH } }
${outboundEntry(client, sandboxUrl)}
    # The sandbox's ITSMs set no API rate limit here: the doorbell reads every webhook's record, reconciliation
    # every few seconds.
    reconcile: { interval: 5s, clockSkew: 10s, requestsPerMinute: 10000 }${ACTIVITIES[id] ? `\n${ACTIVITIES[id]}` : ''}`;
}

/** The sandbox's own seeded generator, seeded from a text: a run's network faults repeat for the same namespace. */
function seededFrom(text: string): () => number {
  return seededRandom([...text].reduce((hash, char) => Math.imul(hash ^ char.charCodeAt(0), 16_777_619), 2_166_136_261) >>> 0);
}
