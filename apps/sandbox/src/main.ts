import { startSandbox } from './start-sandbox';

startSandbox({ port: Number(process.env.PORT ?? 3100), host: process.env.HOST ?? '127.0.0.1' })
  .then(({ url, tangoe }) => {
    process.stdout.write(`sandbox Tangoe listening on ${url} (API users: ${tangoe.apiUsers.map((u) => u.name).join(', ')}; console ${url}/sandbox/tangoe)\n`);
  })
  .catch((error: unknown) => {
    process.stderr.write(`sandbox failed to start: ${(error as Error).message}\n`);
    process.exit(1);
  });
