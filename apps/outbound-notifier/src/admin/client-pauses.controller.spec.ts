import { CLIENTS } from '@bridge/platform';
import { AdminApp, startAdminApp } from '../../../../libs/platform/src/testing/admin-app';
import { EndpointHolds } from '../deliveries/endpoint-holds';
import { EndpointsRepository } from '../deliveries/endpoints.repository';
import { AdminPeerError } from './admin-peer.error';
import { BothWaysPause } from './both-ways-pause';
import { ClientPausesController } from './client-pauses.controller';

describe("the notifier's client pauses controller: a peer's failure as an answer", () => {
  let app: AdminApp;
  let gateway: () => Promise<unknown>;

  beforeAll(async () => {
    app = await startAdminApp(
      [ClientPausesController],
      [
        { provide: BothWaysPause, useValue: { pause: () => gateway(), resume: () => gateway() } },
        { provide: EndpointsRepository, useValue: {} },
        { provide: EndpointHolds, useValue: {} },
        { provide: CLIENTS, useValue: { get: (id: string) => (id === 'acme' ? { id } : undefined) } },
      ],
    );
  });
  afterAll(() => app.close());

  it('answers 503 when the gateway is not configured: asking again will not help', async () => {
    gateway = async () => {
      throw AdminPeerError.notConfigured('gateway', "the gateway's admin API is not configured: set GATEWAY_ADMIN_URL on the notifier");
    };
    expect(await app.call('POST', '/admin/clients/acme/both-ways/pause', { reason: 'audit' })).toEqual({
      status: 503,
      body: { error: 'peer_not_configured', message: "the gateway's admin API is not configured: set GATEWAY_ADMIN_URL on the notifier" },
    });
  });

  it("answers 502 with the gateway's status and words when it refused or did not answer", async () => {
    gateway = async () => {
      throw AdminPeerError.failed('gateway', 404, { error: 'unknown_client' }, 'the gateway answered 404');
    };
    expect(await app.call('POST', '/admin/clients/acme/both-ways/resume')).toEqual({
      status: 502,
      body: { error: 'peer_failed', peer: 'gateway', status: 404, message: 'the gateway answered 404', answer: { error: 'unknown_client' } },
    });
    gateway = async () => {
      throw AdminPeerError.failed('gateway', 0, undefined, 'the gateway did not answer: ECONNREFUSED');
    };
    expect(await app.call('POST', '/admin/clients/acme/both-ways/resume')).toMatchObject({ status: 502, body: { error: 'peer_failed', status: 0 } });
  });

  it('answers an unknown client with 404 before asking anyone', async () => {
    gateway = async () => {
      throw new Error('the gateway must not be asked');
    };
    expect(await app.call('POST', '/admin/clients/globex/both-ways/pause')).toMatchObject({ status: 404, body: { error: 'unknown_client' } });
  });
});

describe('AdminPeerError', () => {
  it("is retriable when the peer failed for the moment, not when it refused or is not configured", () => {
    expect(AdminPeerError.failed('gateway', 0, undefined, 'no answer').retriable).toBe(true);
    expect(AdminPeerError.failed('gateway', 503, undefined, 'unavailable').retriable).toBe(true);
    expect(AdminPeerError.failed('gateway', 409, undefined, 'refused').retriable).toBe(false);
    expect(AdminPeerError.notConfigured('ingress', 'not configured').retriable).toBe(false);
  });
});
