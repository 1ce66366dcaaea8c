import { readSandboxSettings } from './sandbox-settings';
import { startSandbox } from './start-sandbox';

/** The sandbox as a process (`npm run start:sandbox`, the container), configured by its settings (sandbox-settings.ts). */
async function main(): Promise<void> {
  const settings = readSandboxSettings();
  const sandbox = await startSandbox({
    port: settings.PORT,
    host: settings.HOST,
    seed: settings.SANDBOX_SEED,
    tangoe: { adminToken: settings.SANDBOX_ADMIN_TOKEN, jwtSecret: settings.SANDBOX_JWT_SECRET },
  });
  const { url, tangoe } = sandbox;
  const users = tangoe.apiUsers.map((user) => `${user.name} (${user.company})`).join(', ');
  // Secrets are not printed: only where the admin token came from.
  const admin = settings.SANDBOX_ADMIN_TOKEN ? 'from SANDBOX_ADMIN_TOKEN' : `"${tangoe.adminToken}" (default)`;
  process.stdout.write(`sandbox listening on ${url}\n  Tangoe API   ${url}/1/support_requests (API users: ${users})\n  specialist   ${url}/sandbox/tangoe (X-Sandbox-Admin ${admin})\n  ServiceNow   ${url}/servicenow/{instance}/api/now/table/{table}\n`);
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`sandbox failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
