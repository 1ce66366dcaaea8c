import http from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/** What the public port serves when the admin API has a port of its own: the webhooks and the probes. */
const PUBLIC_PATHS = [/^\/v1\//, /^\/health\//];

/**
 * With ADMIN_PORT set, a request that did not arrive on it may reach only the public paths; anything else (the
 * admin API, /metrics, the console) answers 404 as if it were not there. Registered before every route.
 */
export function servePublicPathsOnly(adminPort: number) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (request.socket.localPort === adminPort || PUBLIC_PATHS.some((path) => path.test(request.path))) return next();
    response.status(404).json({ error: 'not_found', message: `${request.method} ${request.path} is not served on this port` });
  };
}

/** The same application on the admin port too, closed with the public server. */
export async function listenOnAdminPort(app: INestApplication, port: number, host: string): Promise<void> {
  const server = http.createServer(app.getHttpAdapter().getInstance());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  (app.getHttpServer() as http.Server).once('close', () => server.close());
}
