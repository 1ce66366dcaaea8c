import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { plainToInstance } from 'class-transformer';
import { ClientConfig, bindSecrets } from '@bridge/clients-config';
import { ArJwtSessions } from './ar-jwt-sessions';

/** A token as AR System issues it: a JWT, whose `exp` is all the bridge reads of it. */
function jwtFor(n: number, expSeconds: number): string {
  return `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify({ exp: expSeconds, n })).toString('base64url')}.sig`;
}

describe('ArJwtSessions', () => {
  let server: Server;
  let logins: string[];
  let now = 1_800_000_000_000;
  const clientWith = (password: string) =>
    bindSecrets(
      plainToInstance(ClientConfig, {
        id: 'acme',
        itsm: 'bmc-helix',
        inbound: { type: 'basic', username: 'helix', password: { env: 'X' } },
        mapping: { defaultRequestType: 'Tech Support' },
        tangoe: { baseUrl: 'http://127.0.0.1', apiUser: 'acme', auth: { type: 'api-token', token: { env: 'T' } } },
        outbound: { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, auth: { type: 'ar-jwt', username: 'tangoe.bridge', password: { env: 'HELIX_SPEC_PASSWORD' } } },
      }),
      { HELIX_SPEC_PASSWORD: password },
    );

  // Helix's login: numbered tokens expiring an hour after `now`; a wrong password refused, echoed back in the answer.
  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        const form = new URLSearchParams(body);
        logins.push(`${request.url} ${form.get('username')}`);
        if (form.get('password') !== 's3cret pass&word') return void response.writeHead(401, { 'content-type': 'application/json' }).end(`[{"messageType":"ERROR","messageNumber":623,"messageText":"Authentication failed","messageAppendedText":"${form.get('password')}"}]`);
        response.writeHead(200, { 'content-type': 'text/plain' }).end(jwtFor(logins.length, Math.floor(now / 1000) + 3600));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  beforeEach(() => (logins = []));
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('logs in once for concurrent requests, keeps the token until a minute before its exp, then logs in again', async () => {
    const sessions = new ArJwtSessions(() => now);
    const client = clientWith('s3cret pass&word');
    const first = await Promise.all([sessions.authorization(client), sessions.authorization(client), sessions.authorization(client)]);
    expect(new Set(first)).toEqual(new Set([`AR-JWT ${jwtFor(1, Math.floor(now / 1000) + 3600)}`]));
    expect(logins).toEqual(['/api/jwt/login tangoe.bridge']);
    now += 58 * 60_000;
    expect(await sessions.authorization(client)).toBe(first[0]);
    now += 90_000;
    expect(await sessions.authorization(client)).not.toBe(first[0]);
    expect(logins).toHaveLength(2);
  });

  it('logs in again after a refusal of the current token, but not for a stale one', async () => {
    const sessions = new ArJwtSessions(() => now);
    const client = clientWith('s3cret pass&word');
    const first = await sessions.authorization(client);
    sessions.invalidate(client, first);
    const second = await sessions.authorization(client);
    sessions.invalidate(client, first);
    expect(await sessions.authorization(client)).toBe(second);
    expect(logins).toHaveLength(2);
  });

  it('fails a refused login naming the client and status, never the password or what Helix echoed', async () => {
    const sessions = new ArJwtSessions(() => now);
    const error = await sessions.authorization(clientWith('wrong-password')).catch((e: Error) => e);
    expect(error).toMatchObject({ message: 'the AR System login of client acme (user tangoe.bridge) answered 401', retriable: false });
    expect(String((error as Error).stack)).not.toContain('wrong-password');
  });
});
