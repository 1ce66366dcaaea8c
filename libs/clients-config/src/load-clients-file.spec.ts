import { plainToInstance } from 'class-transformer';
import { ClientConfig } from './client-config';
import { ClientsConfigError } from './clients-config.error';
import { sameClient } from './clients-change';
import { parseClientsFile, secretsUnder } from './load-clients-file';
import { SecretRef, resolveSecret } from './secret-ref';

const valid = `
version: 1
clients:
  - id: acme
    itsm: servicenow
    inbound: { type: hmac, secret: { env: ACME_WEBHOOK_SECRET } }
    routing: [{ field: assignment_group, in: [Mobility] }]
    mapping:
      defaultRequestType: Tech Support
      requestTypes: { hardware: Device Replacement }
    tangoe:
      baseUrl: http://127.0.0.1:3100
      apiUser: acme-api
      auth: { type: api-token, token: { env: ACME_TANGOE_TOKEN } }
`;

/** With an environment, referenced secrets are checked in it; without, they are not. */
function problemsOf(text: string, env?: NodeJS.ProcessEnv) {
  try {
    parseClientsFile(text, '/etc/bridge/clients.yaml', { knownItsms: ['servicenow'], env: env ?? {}, checkSecrets: env !== undefined });
  } catch (error) {
    if (error instanceof ClientsConfigError) return error;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('parseClientsFile', () => {
  it('accepts a valid file', () => {
    const file = parseClientsFile(valid, 'clients.yaml', { knownItsms: ['servicenow'], env: { ACME_WEBHOOK_SECRET: 's', ACME_TANGOE_TOKEN: 't' } });
    expect(file.clients[0].tangoe.auth.token?.env).toBe('ACME_TANGOE_TOKEN');
  });

  it('names the file, the client and the field of every problem', () => {
    const text = valid.replace('defaultRequestType: Tech Support', 'defaultRequestType: Coffee').replace('Device Replacement', 'Teleport');
    const error = problemsOf(text);
    expect(error.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'clients.yaml', client: 'acme', field: 'mapping.defaultRequestType' }),
        expect.objectContaining({ client: 'acme', field: 'mapping.requestTypes', message: expect.stringContaining('requestTypes.hardware must be one of') }),
      ]),
    );
    expect(error.message).toContain('clients.yaml: client "acme": mapping.defaultRequestType');
  });

  it("refuses an AR-JWT login without its password, at load rather than at the first delivery", () => {
    const outbound = "\n    outbound:\n      baseUrl: https://acme.onbmc.com\n      auth: { type: ar-jwt, username: bridge }\n      integrationUser: bridge\n";
    const error = problemsOf(`${valid.trimEnd()}${outbound}`, { ACME_WEBHOOK_SECRET: 'x', ACME_TANGOE_TOKEN: 'y' });
    expect(error.problems).toEqual([expect.objectContaining({ client: 'acme', field: 'outbound.auth.password', message: expect.stringContaining('is required') })]);
  });

  it("refuses an ITSM outbound without the bridge's integration user, whose writes would otherwise echo back as the caller's", () => {
    const outbound = "\n    outbound:\n      baseUrl: https://acme.service-now.com\n      auth: { type: bearer, token: { env: ACME_SN_TOKEN } }\n";
    const error = problemsOf(`${valid.trimEnd()}${outbound}`, { ACME_WEBHOOK_SECRET: 'x', ACME_TANGOE_TOKEN: 'y', ACME_SN_TOKEN: 'z' });
    expect(error.problems).toEqual([expect.objectContaining({ client: 'acme', field: 'outbound.integrationUser', message: expect.stringContaining('is required for an ITSM') })]);
    const webhookTarget = "\n    outbound:\n      target: webhook\n      baseUrl: https://hooks.acme.example\n      auth: { type: bearer, token: { env: ACME_SN_TOKEN } }\n      signingSecret: { env: ACME_SIGNING }\n";
    expect(() => parseClientsFile(`${valid.trimEnd()}${webhookTarget}`, 'clients.yaml', { knownItsms: ['servicenow'], env: { ACME_WEBHOOK_SECRET: 'x', ACME_TANGOE_TOKEN: 'y', ACME_SN_TOKEN: 'z', ACME_SIGNING: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' } })).not.toThrow();
  });

  it('reads a numeric integration user (a Zendesk or Freshservice id unquoted in YAML) as its digits, and says why an inexact one or a padded one is refused', () => {
    const env = { ACME_WEBHOOK_SECRET: 'x', ACME_TANGOE_TOKEN: 'y', ACME_SN_TOKEN: 'z' };
    const withUser = (user: string) => `${valid.trimEnd()}\n    outbound:\n      baseUrl: https://acme.zendesk.com\n      auth: { type: bearer, token: { env: ACME_SN_TOKEN } }\n      integrationUser: ${user}\n`;
    const parsed = parseClientsFile(withUser('3614852'), 'clients.yaml', { knownItsms: ['servicenow'], env });
    expect(parsed.clients[0].outbound?.integrationUser).toBe('3614852');
    expect(problemsOf(withUser('123456789012345678901'), env).problems).toEqual([
      expect.objectContaining({ field: 'outbound.integrationUser', message: expect.stringContaining('quote it') }),
    ]);
    expect(problemsOf(withUser('"bridge "'), env).problems).toEqual([
      expect.objectContaining({ field: 'outbound.integrationUser', message: expect.stringContaining('without spaces at either end') }),
    ]);
  });

  it('refuses a secret written into the file instead of referenced', () => {
    const error = problemsOf(valid.replace('token: { env: ACME_TANGOE_TOKEN }', 'token: super-secret-value'));
    expect(error.problems.some((p) => p.field.startsWith('tangoe.auth.token'))).toBe(true);
    expect(error.message).not.toContain('super-secret-value');
  });

  it('reports secrets that are referenced but not set, unknown adapters and settings, duplicate ids', () => {
    const doubled = `${valid}\n${valid.split('clients:')[1].replace('itsm: servicenow', 'itsm: remedy\n    colour: blue')}`;
    const error = problemsOf(doubled, {});
    const fields = error.problems.map((p) => `${p.client}:${p.field}`);
    expect(fields).toEqual(expect.arrayContaining(['acme:inbound.secret', 'acme:tangoe.auth.token', 'acme:id', 'acme:itsm', 'acme:colour']));
  });

  it('says when the file is not YAML', () => {
    const error = problemsOf('clients: [');
    expect(error).toMatchObject({ code: 'invalid_clients_file', retriable: false });
    expect(error.problems[0]).toMatchObject({ file: 'clients.yaml', message: expect.stringMatching(/not valid YAML/) });
  });
});

describe('environment values in the clients file', () => {
  it('fills ${CLIENTS_VAR_NAME:-default} from the environment, or the default', () => {
    const text = valid.replace("baseUrl: http://127.0.0.1:3100", 'baseUrl: "http://127.0.0.1:${CLIENTS_VAR_TANGOE_PORT:-3100}"');
    expect(parseClientsFile(text, 'c.yaml', { knownItsms: ['servicenow'], env: {}, checkSecrets: false }).clients[0].tangoe.baseUrl).toBe('http://127.0.0.1:3100');
    expect(parseClientsFile(text, 'c.yaml', { knownItsms: ['servicenow'], env: { CLIENTS_VAR_TANGOE_PORT: '4100', ACME_WEBHOOK_SECRET: 's', ACME_TANGOE_TOKEN: 't' } }).clients[0].tangoe.baseUrl).toBe('http://127.0.0.1:4100');
  });
});

describe('secret references', () => {
  const load = (env: Record<string, string>, checkSecrets = true) => parseClientsFile(valid, 'clients.yaml', { knownItsms: ['servicenow'], env, checkSecrets }).clients[0];

  it('resolve in the environment their file was loaded with, not in the process environment', () => {
    process.env.ACME_WEBHOOK_SECRET = 'from the process';
    try {
      const client = load({ ACME_WEBHOOK_SECRET: 'hook-s3cret', ACME_TANGOE_TOKEN: 'token-s3cret' });
      expect(resolveSecret(client.inbound.secret!, client.id, 'inbound.secret')).toBe('hook-s3cret');
      expect(resolveSecret(client.tangoe.auth.token!, client.id, 'tangoe.auth.token')).toBe('token-s3cret');
    } finally {
      delete process.env.ACME_WEBHOOK_SECRET;
    }
  });

  it('name the variable, never a value, when it is not set there', () => {
    const client = load({ ACME_TANGOE_TOKEN: 'token-s3cret' }, false);
    let missing: unknown;
    try {
      resolveSecret(client.inbound.secret!, client.id, 'inbound.secret');
    } catch (error) {
      missing = error;
    }
    expect(missing).toBeInstanceOf(ClientsConfigError);
    expect(missing).toMatchObject({ code: 'secret_missing', retriable: false });
    expect(() => resolveSecret(client.inbound.secret!, client.id, 'inbound.secret')).toThrow('client "acme": inbound.secret refers to environment variable ACME_WEBHOOK_SECRET, which is not set');
  });

  it("must be set only where used: a service given only its own secrets loads the file, another's missing", () => {
    const onlyTheIngress = { ACME_WEBHOOK_SECRET: 'hook-s3cret' };
    const loaded = parseClientsFile(valid, 'clients.yaml', { knownItsms: ['servicenow'], env: onlyTheIngress, checkSecrets: true, secretsUsed: secretsUnder('inbound.') }).clients[0];
    expect(resolveSecret(loaded.inbound.secret!, loaded.id, 'inbound.secret')).toBe('hook-s3cret');
    // The gateway, given the same environment, is refused at load: the Tangoe token it uses is not there.
    expect(() => parseClientsFile(valid, 'clients.yaml', { knownItsms: ['servicenow'], env: onlyTheIngress, checkSecrets: true, secretsUsed: secretsUnder('tangoe.auth.') })).toThrow(/client "acme": tangoe\.auth\.token refers to environment variable ACME_TANGOE_TOKEN, which is not set/);
  });

  it('made by hand, without a file, resolve nowhere and say so', () => {
    const ref = plainToInstance(SecretRef, { env: 'ACME_WEBHOOK_SECRET' });
    expect(() => resolveSecret(ref, 'acme', 'inbound.secret')).toThrow('client "acme": inbound.secret (ACME_WEBHOOK_SECRET) was not loaded with an environment to resolve it in');
  });

  it('keep their environment out of what a client compares, serialises and prints', () => {
    const env = { ACME_WEBHOOK_SECRET: 'hook-s3cret', ACME_TANGOE_TOKEN: 'token-s3cret' };
    const client = load(env);
    expect(JSON.stringify(client)).not.toContain('s3cret');
    expect(sameClient(client, load({ ...env, ACME_WEBHOOK_SECRET: 'another' }))).toBe(true);
    expect(sameClient(client, plainToInstance(ClientConfig, JSON.parse(JSON.stringify(client))))).toBe(true);
  });
});
