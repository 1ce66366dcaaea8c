import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AdminApp, startAdminApp } from '../../../../libs/platform/src/testing/admin-app';
import { BothWaysPause } from './both-ways-pause';
import { DriftController } from './drift.controller';

/** The ingress's and the gateway's admin APIs, answering the drift report's two reads with what each test sets. */
function fakePeers(answer: (path: string) => { status: number; body: unknown }): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    request.resume();
    const { status, body } = answer(request.url ?? '');
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server })));
}

describe("the notifier's drift controller: a refused repair and a peer's failure as answers", () => {
  let app: AdminApp;
  let peers: { url: string; server: Server };
  let answer: (path: string) => { status: number; body: unknown };
  beforeAll(async () => {
    app = await startAdminApp([DriftController], [{ provide: BothWaysPause, useValue: {} }]);
    peers = await fakePeers((path) => answer(path));
  });
  afterAll(async () => {
    await app.close();
    await new Promise((resolve) => peers.server.close(resolve));
  });

  const inStep = (path: string) =>
    path.includes('/drift/itsm')
      ? { status: 200, body: { clientId: 'acme', since: '2026-11-01T00:00:00.000Z', recordsRead: 0, tickets: [] } }
      : { status: 200, body: { clientId: 'acme', readAt: '2026-12-01T00:00:00.000Z', tickets: [] } };

  it('answers 503 while the ingress is not configured', async () => {
    app.settings.INGRESS_ADMIN_URL = undefined;
    app.settings.GATEWAY_ADMIN_URL = undefined;
    expect(await app.call('GET', '/admin/clients/acme/drift')).toMatchObject({ status: 503, body: { error: 'peer_not_configured' } });
  });

  it('answers a repair of a ticket in step with 409 and its code', async () => {
    app.settings.INGRESS_ADMIN_URL = peers.url;
    app.settings.GATEWAY_ADMIN_URL = peers.url;
    answer = inStep;
    const repair = await app.call('POST', '/admin/clients/acme/drift/INC1/repair');
    expect(repair).toMatchObject({ status: 409, body: { error: 'in_step', message: expect.stringContaining('INC1 of client acme shows no drift') } });
    expect(await app.call('GET', '/admin/clients/acme/drift')).toMatchObject({ status: 200, body: { clientId: 'acme', items: [] } });
  });

  it("answers 502 with the peer's status and words when a peer refuses", async () => {
    app.settings.INGRESS_ADMIN_URL = peers.url;
    app.settings.GATEWAY_ADMIN_URL = peers.url;
    answer = (path) => (path.includes('/drift/tangoe') ? { status: 500, body: { message: 'Tangoe is down' } } : inStep(path));
    expect(await app.call('GET', '/admin/clients/acme/drift')).toEqual({
      status: 502,
      body: { error: 'peer_failed', peer: 'gateway', status: 500, message: 'the gateway answered 500: Tangoe is down', answer: { message: 'Tangoe is down' } },
    });
  });
});
