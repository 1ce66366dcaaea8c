/**
 * `npm start`: the whole bridge in one process on its embedded defaults: the services on the in-process bus,
 * embedded PostgreSQL (PGlite) under .data/, the operators' console, the sandbox Tangoe and a demo client. Prints
 * where each part listens.
 */
import 'reflect-metadata';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

/** Demo values only for what the environment does not set: real deployments pass their own. */
const DEMO_ENV: Record<string, string> = {
  CLIENTS_FILE: path.join(ROOT, 'config/clients.demo.yaml'),
  DATA_DIR: path.join(ROOT, '.data'),
  DEMO_SERVICENOW_WEBHOOK_SECRET: 'demo-servicenow-webhook-secret',
  DEMO_TANGOE_API_TOKEN: 'demo-tangoe-token',
  DEMO_TANGOE_PUSH_SECRET: 'demo-tangoe-push-secret',
  DEMO_SERVICENOW_PASSWORD: 'demo-servicenow-password',
  ADMIN_TOKEN: 'demo-admin-token-of-the-standalone-bridge',
  LOG_LEVEL: 'warn',
  // The demo reads its ServiceNow every 5 s, so that with SANDBOX_ITSM_WEBHOOKS=off the story still runs end to end.
  RECONCILE_INTERVAL_MS: '5000',
};

async function main(): Promise<void> {
  for (const [name, value] of Object.entries(DEMO_ENV)) process.env[name] ??= value;
  // Standalone means in-process: a Kafka or PostgreSQL address from the shell would split the services apart.
  delete process.env.KAFKA_BROKERS;
  delete process.env.DATABASE_URL;

  const { startSandbox } = await import('../apps/sandbox/src/start-sandbox');
  const { bootstrapService } = await import('@bridge/platform');
  const { IngressModule } = await import('../apps/ingress/src/app.module');
  const { TANGOE_GATEWAY_SERVICE } = await import('../apps/tangoe-gateway/src/app.module');
  const { OutboundNotifierModule } = await import('../apps/outbound-notifier/src/app.module');

  const host = process.env.HOST ?? '127.0.0.1';
  const sandbox = await startSandbox({ port: Number(process.env.SANDBOX_PORT ?? 3100), host });
  // The demo's clients file finds the sandbox through the variables a clients file may read.
  process.env.CLIENTS_VAR_SANDBOX_HOST ??= host;
  process.env.CLIENTS_VAR_SANDBOX_PORT ??= String(process.env.SANDBOX_PORT ?? 3100);
  process.env.PORT = process.env.INGRESS_PORT ?? '3000';
  const ingress = await bootstrapService({ service: 'ingress', module: IngressModule, defaultPort: 3000, parseJsonBodies: false });
  process.env.PORT = process.env.GATEWAY_PORT ?? '3001';
  const gateway = await bootstrapService({ ...TANGOE_GATEWAY_SERVICE, defaultPort: 3001 });

  process.env.PORT = process.env.NOTIFIER_PORT ?? '3002';
  const notifier = await bootstrapService({
    service: 'outbound-notifier',
    module: OutboundNotifierModule,
    defaultPort: 3002,
    consumes: { topic: (topics) => topics.tangoeEvents, group: 'outbound-notifier' },
  });

  const url = async (app: { getUrl(): Promise<string> }) => (await app.getUrl()).replace('[::1]', '127.0.0.1');
  // The console reads and acts through the three services' admin APIs, here on their one port each.
  const { bootstrapConsole } = await import('../apps/console/src/bootstrap-console');
  Object.assign(process.env, { INGRESS_ADMIN_URL: await url(ingress), GATEWAY_ADMIN_URL: await url(gateway), NOTIFIER_ADMIN_URL: await url(notifier) });
  process.env.PORT = process.env.CONSOLE_PORT ?? '3003';
  // Its session cookie is Secure, which browsers accept over plain HTTP only from localhost: the demo listening
  // on another address is reached over plain HTTP from elsewhere.
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) process.env.CONSOLE_SECURE_COOKIE ??= 'false';
  const operatorConsole = await bootstrapConsole();
  // The demo client's ServiceNow is played by the sandbox; both it and the sandbox Tangoe push to the ingress.
  const ingressUrl = await url(ingress);
  sandbox.servicenow.add({
    name: 'demo',
    username: 'tangoe.bridge',
    password: process.env.DEMO_SERVICENOW_PASSWORD!,
    // The demo's caller, whose tickets and comments the bridge carries to Tangoe.
    users: [{ username: 'ann.smith', password: 'demo-caller-password' }],
    // SANDBOX_ITSM_WEBHOOKS=off: the business rule never posts, and the bridge learns everything by reconciliation.
    webhook: process.env.SANDBOX_ITSM_WEBHOOKS === 'off' ? undefined : { url: `${ingressUrl}/v1/clients/demo/webhooks/servicenow`, secret: process.env.DEMO_SERVICENOW_WEBHOOK_SECRET! },
  });
  sandbox.tangoe.webhooks.set('demo', { url: `${ingressUrl}/v1/clients/demo/tangoe/webhooks`, secret: process.env.DEMO_TANGOE_PUSH_SECRET! });
  const lines = [
    'The bridge runs standalone (in-process bus, embedded PostgreSQL in .data/):',
    `  ingress          ${await url(ingress)}   POST /v1/clients/demo/webhooks/servicenow`,
    `  tangoe-gateway   ${await url(gateway)}   GET /admin/parked (Bearer ${process.env.ADMIN_TOKEN === DEMO_ENV.ADMIN_TOKEN ? DEMO_ENV.ADMIN_TOKEN : '<ADMIN_TOKEN>'})`,
    `  notifier         ${await url(notifier)}   GET /admin/parked`,
    `  console          ${await url(operatorConsole)}   sign in with the admin token above`,
    `  sandbox ITSM     ${sandbox.url}/servicenow/demo/api/now/table/incident (ServiceNow Table API)`,
    `  sandbox Tangoe   ${sandbox.url}   specialist console ${sandbox.url}/sandbox/tangoe`,
    `  demo client      "demo" from ${path.relative(ROOT, process.env.CLIENTS_FILE!)}`,
    `  reconciliation   the demo's ServiceNow read every ${Number(process.env.RECONCILE_INTERVAL_MS) / 1000} s${process.env.SANDBOX_ITSM_WEBHOOKS === 'off' ? ' (its webhooks are off: the only way in)' : ''}`,
    'Stop with Ctrl-C.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  const stop = async () => {
    await operatorConsole.close();
    await notifier.close();
    await gateway.close();
    await ingress.close();
    await sandbox.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`the bridge failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
