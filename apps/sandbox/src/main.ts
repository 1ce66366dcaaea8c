import { startSandbox } from './start-sandbox';

/**
 * The sandbox as a process (`npm run start:sandbox`, the container): PORT (3100), HOST (127.0.0.1),
 * SANDBOX_ADMIN_TOKEN, SANDBOX_JWT_SECRET and SANDBOX_SEED from the environment.
 */
async function main(): Promise<void> {
  const seed = process.env.SANDBOX_SEED === undefined ? undefined : Number(process.env.SANDBOX_SEED);
  if (seed !== undefined && !Number.isInteger(seed)) throw new Error('SANDBOX_SEED must be a whole number');
  const sandbox = await startSandbox({
    port: Number(process.env.PORT ?? 3100),
    host: process.env.HOST ?? '127.0.0.1',
    seed,
    tangoe: { adminToken: process.env.SANDBOX_ADMIN_TOKEN, jwtSecret: process.env.SANDBOX_JWT_SECRET },
  });
  const { url, tangoe } = sandbox;
  const users = tangoe.apiUsers.map((user) => `${user.name} (${user.company})`).join(', ');
  // Secrets are not printed: only where the admin token came from.
  const admin = process.env.SANDBOX_ADMIN_TOKEN ? 'from SANDBOX_ADMIN_TOKEN' : `"${tangoe.adminToken}" (default)`;
  process.stdout.write(`sandbox listening on ${url}\n  Tangoe API   ${url}/1/support_requests (API users: ${users})\n  specialist   ${url}/sandbox/tangoe (X-Sandbox-Admin ${admin})\n  ServiceNow   ${url}/servicenow/{instance}/api/now/table/{table}\n`);
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`sandbox failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
