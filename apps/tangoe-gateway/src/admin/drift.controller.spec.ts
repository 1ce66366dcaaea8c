import { CLIENTS } from '@bridge/platform';
import { AdminApp, startAdminApp } from '../../../../libs/platform/src/testing/admin-app';
import { TangoeDriftSideUseCase } from '../drift/tangoe-drift-side.use-case';
import { TangoeStateRedeliveryUseCase } from '../drift/tangoe-state-redelivery.use-case';
import { GatewayError, GatewayErrorCode } from '../gateway.error';
import { DriftController } from './drift.controller';
import { httpStatusOf } from './gateway-error.filter';

describe("the gateway's drift controller: its errors as answers", () => {
  let app: AdminApp;
  let redeliver: () => Promise<unknown>;

  beforeAll(async () => {
    app = await startAdminApp(
      [DriftController],
      [
        { provide: TangoeStateRedeliveryUseCase, useValue: { execute: () => redeliver() } },
        { provide: TangoeDriftSideUseCase, useValue: { execute: async () => ({ clientId: 'acme', tickets: [] }) } },
        { provide: CLIENTS, useValue: { get: (id: string) => (id === 'acme' ? { id } : undefined) } },
      ],
    );
  });
  afterAll(() => app.close());

  const repair = () => app.call('POST', '/admin/clients/acme/drift/tickets/INC1/tangoe-state', {});

  it('answers a repair the use case refuses with 409 and its code', async () => {
    redeliver = async () => {
      throw new GatewayError('not_linked', 'ticket acme:INC1 is not linked to a support request');
    };
    expect(await repair()).toEqual({ status: 409, body: { error: 'not_linked', message: 'ticket acme:INC1 is not linked to a support request' } });
  });

  it('answers a client gone from the clients file with 404, and any other failure with 500', async () => {
    redeliver = async () => {
      throw new GatewayError('unknown_client', 'no client "acme" is configured');
    };
    expect(await repair()).toMatchObject({ status: 404, body: { error: 'unknown_client' } });
    redeliver = async () => {
      throw new Error('socket hang up');
    };
    expect((await repair()).status).toBe(500);
  });

  it('answers what the request itself gets wrong before calling the use case', async () => {
    expect(await app.call('POST', '/admin/clients/globex/drift/tickets/INC1/tangoe-state', {})).toMatchObject({ status: 404, body: { error: 'unknown_client' } });
    expect(await app.call('POST', '/admin/clients/acme/drift/tickets/INC1/tangoe-state', { supportRequestId: 'x' })).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    expect(await app.call('GET', '/admin/clients/acme/drift/tangoe')).toEqual({ status: 200, body: { clientId: 'acme', tickets: [] } });
  });

  it('gives every gateway error code a client-error status', () => {
    const codes: GatewayErrorCode[] = ['unknown_client', 'unknown_ticket', 'client_held', 'not_a_ticket', 'not_linked', 'request_mismatch', 'client_own_state', 'unknown_state'];
    expect(Object.fromEntries(codes.map((code) => [code, httpStatusOf(code)]))).toEqual({
      unknown_client: 404,
      unknown_ticket: 404,
      client_held: 409,
      not_a_ticket: 400,
      not_linked: 409,
      request_mismatch: 409,
      client_own_state: 409,
      unknown_state: 409,
    });
  });
});
