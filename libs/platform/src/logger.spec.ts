import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import axios from 'axios';
import { createLogger } from './logger';

const SECRETS = ['Bearer-s3cret-a', 'client-s3cret-b', 'access-s3cret-c', 'private-s3cret-d', 'password-s3cret-e', 'token-s3cret-f', 'api-s3cret-g', 'url-s3cret-h'];

function capture() {
  const lines: string[] = [];
  return { lines, logger: createLogger('test', 'debug', { write: (line: string) => void lines.push(line) }) };
}

describe('the service logger', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer((_, response) => response.writeHead(500).end('{"error":"no"}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('prints none of the credentials an axios error carries, at any depth and in any case', async () => {
    const failure = await axios
      .post(`${url}/api/now/table/incident?sysparm_token=${SECRETS[5]}`, { password: SECRETS[4] }, { headers: { Authorization: `Bearer ${SECRETS[0]}`, 'X-Api-Key': SECRETS[6] } })
      .catch((error: unknown) => error);
    const { lines, logger } = capture();
    logger.error({ err: failure }, 'delivery failed');
    logger.error({ error: failure, clientId: 'acme' }, 'as another key');
    logger.error(failure as Error);
    const text = lines.join('\n');
    expect(text).toContain('Request failed with status code 500');
    expect(text).toContain('acme');
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  });

  it('censors nested and case-variant keys, credentials in URLs and in messages', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        auth: { clientSecret: SECRETS[1], Access_Token: SECRETS[2], privateKey: SECRETS[3], PASSWORD: SECRETS[4] },
        outbound: [{ headers: { authorization: `Basic ${SECRETS[0]}` }, token: SECRETS[5] }],
        target: `https://bridge:${SECRETS[7]}@acme.service-now.com/api`,
        tokenUrl: 'https://login.example.com/oauth/token',
        form: `grant_type=client_credentials&client_id=bridge&client_secret=${SECRETS[1]}`,
      },
      `calling https://bridge:${SECRETS[7]}@acme.example.com with Bearer ${SECRETS[0]}`,
    );
    const text = lines.join('\n');
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    const line = JSON.parse(lines[0]) as Record<string, any>;
    expect(line.auth).toEqual({ clientSecret: '[redacted]', Access_Token: '[redacted]', privateKey: '[redacted]', PASSWORD: '[redacted]' });
    expect(line.target).toBe('https://[redacted]@acme.service-now.com/api');
    expect(line.tokenUrl).toBe('https://login.example.com/oauth/token');
    expect(line.form).toBe('grant_type=client_credentials&client_id=bridge&client_secret=[redacted]');
    expect(line.msg).toBe('calling https://[redacted]@acme.example.com with Bearer [redacted]');
  });
});
