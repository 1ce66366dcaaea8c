import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { INestApplication } from '@nestjs/common';
import { topicNames } from '@bridge/contracts';
import { bootstrapService } from '@bridge/platform';
import { uniqueName } from '@bridge/test-infra';

export const SECRETS = { ACME_WEBHOOK_SECRET: 'acme-webhook-secret-1', GLOBEX_WEBHOOK_SECRET: 'globex-webhook-secret-2', ACME_TANGOE_TOKEN: 'tangoe-token-3', GLOBEX_TANGOE_TOKEN: 'tangoe-token-4' };

/** Two clients on ServiceNow with the same routing, each with its own webhook secret. */
export const TWO_CLIENTS = `
version: 1
clients:
${['acme', 'globex']
  .map(
    (id) => `  - id: ${id}
    itsm: servicenow
    inbound: { type: hmac, secret: { env: ${id.toUpperCase()}_WEBHOOK_SECRET } }
    routing: [{ field: assignment_group, in: [Mobility] }]
    mapping: { defaultRequestType: Tech Support, deviceTypes: { smartphone: Smart Phone } }
    tangoe: { baseUrl: 'http://127.0.0.1:1', apiUser: ${id}-api, auth: { type: api-token, token: { env: ${id.toUpperCase()}_TANGOE_TOKEN } } }`,
  )
  .join('\n')}
`;

export interface RunningIngress {
  app: INestApplication;
  url: string;
  topics: ReturnType<typeof topicNames>;
  close(): Promise<void>;
}

/** Starts the real ingress (its own bootstrap) on a random port, against the run's Kafka and PostgreSQL. */
export async function startIngress(): Promise<RunningIngress> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ingress-'));
  const clientsFile = path.join(dir, 'clients.yaml');
  writeFileSync(clientsFile, TWO_CLIENTS);
  const namespace = uniqueName('ing');
  Object.assign(process.env, SECRETS, { CLIENTS_FILE: clientsFile, TOPIC_NAMESPACE: namespace, DATABASE_SCHEMA_PREFIX: namespace, PORT: '0', KAFKA_PARTITIONS: '3', LOG_LEVEL: 'warn' });
  // The ingress reads its settings from the environment when it starts: set first.
  const { IngressModule } = await import('../../../apps/ingress/src/app.module');
  const app = await bootstrapService({ service: 'ingress', module: IngressModule, defaultPort: 0, parseJsonBodies: false });
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, url, topics: topicNames(namespace), close: () => app.close() };
}
