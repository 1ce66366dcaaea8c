import { ClientsConfigError } from './clients-config.error';
import { parseClientsFile } from './load-clients-file';

const acme = `
  - id: acme
    itsm: servicenow
    inbound: { type: hmac, secret: { env: ACME_WEBHOOK_SECRET } }
    mapping: { defaultRequestType: Tech Support }
    tangoe:
      baseUrl: http://127.0.0.1:3100
      apiUser: acme-api
      auth: { type: api-token, token: { env: ACME_TANGOE_TOKEN } }
`;
const file = (...clients: string[]) => `version: 1\nclients:${clients.join('')}`;
const load = (text: string, env: Record<string, string> = {}) => parseClientsFile(text, '/etc/bridge/clients.yaml', { knownItsms: ['servicenow'], env, checkSecrets: false });

function problemsOf(text: string, env?: Record<string, string>) {
  try {
    load(text, env);
  } catch (error) {
    if (error instanceof ClientsConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('a clients file is refused at load', () => {
  it.each([
    ['the inbound section', acme.replace(/ {4}inbound: .*\n/, ''), 'inbound'],
    ["an hmac client's secret", acme.replace('{ type: hmac, secret: { env: ACME_WEBHOOK_SECRET } }', '{ type: hmac }'), 'inbound.secret'],
    ["a basic client's password", acme.replace('{ type: hmac, secret: { env: ACME_WEBHOOK_SECRET } }', '{ type: basic, username: u }'), 'inbound.password'],
    ['the Tangoe auth', acme.replace(/ {6}auth: .*\n/, ''), 'tangoe.auth'],
    ['the Tangoe token', acme.replace('{ type: api-token, token: { env: ACME_TANGOE_TOKEN } }', '{ type: api-token }'), 'tangoe.auth.token'],
    ['the Tangoe OAuth secret', acme.replace('{ type: api-token, token: { env: ACME_TANGOE_TOKEN } }', '{ type: oauth, clientId: c, subject: s }'), 'tangoe.auth.clientSecret'],
  ])('without %s, naming file, client and field (not a TypeError at the first request)', (_, client, field) => {
    expect(problemsOf(file(client))).toEqual([expect.objectContaining({ file: 'clients.yaml', client: 'acme', field, message: expect.stringContaining('is required') })]);
  });

  it('when two clients share a Tangoe API user, whose activities would reach both', () => {
    const globex = acme.replace('id: acme', 'id: globex').replace('ACME_WEBHOOK_SECRET', 'GLOBEX_WEBHOOK_SECRET').replace('ACME_TANGOE_TOKEN', 'GLOBEX_TANGOE_TOKEN');
    expect(() => load(file(acme, globex))).toThrow('clients sharing an API user');
    expect(problemsOf(file(acme, globex))).toEqual([expect.objectContaining({ client: 'globex', field: 'tangoe.apiUser', message: expect.stringContaining('client "acme"') })]);
    // Another name for the same token is the same user too.
    expect(problemsOf(file(acme, globex.replace('GLOBEX_TANGOE_TOKEN', 'ACME_TANGOE_TOKEN').replace('acme-api', 'globex-api')))).toEqual([
      expect.objectContaining({ client: 'globex', field: 'tangoe.auth.token' }),
    ]);
    // Each on its own user, or the same user name on another Tangoe, is fine.
    expect(load(file(acme, globex.replace('acme-api', 'globex-api'))).clients).toHaveLength(2);
    expect(load(file(acme, globex.replace('http://127.0.0.1:3100', 'https://globex.example.com'))).clients).toHaveLength(2);
  });

  it('when it reads a variable outside the allow-list, naming the variable and never its value', () => {
    const text = file(acme.replace('http://127.0.0.1:3100', 'http://${DATABASE_URL}/x'));
    const problems = problemsOf(text, { DATABASE_URL: 'postgres://u:hunter2@db' });
    expect(problems).toEqual(expect.arrayContaining([expect.objectContaining({ client: 'acme', field: 'tangoe.baseUrl', message: expect.stringContaining('${DATABASE_URL}') })]));
    expect(JSON.stringify(problems)).not.toContain('hunter2');
  });
});

describe('a clients file variable', () => {
  it('is read when named CLIENTS_VAR_…, with its default when unset', () => {
    const text = file(acme.replace('http://127.0.0.1:3100', 'http://${CLIENTS_VAR_TANGOE_HOST}:${CLIENTS_VAR_TANGOE_PORT:-3100}'));
    expect(load(text, { CLIENTS_VAR_TANGOE_HOST: 'tangoe.local' }).clients[0].tangoe.baseUrl).toBe('http://tangoe.local:3100');
  });

  it('never reaches a template, which keeps ${…} as written', () => {
    const text = file(acme.replace('mapping: { defaultRequestType: Tech Support }', "mapping: { defaultRequestType: Tech Support, textTemplate: 'x ${CLIENTS_VAR_SECRETISH}' }"));
    expect(load(text, { CLIENTS_VAR_SECRETISH: 'leaked' }).clients[0].mapping.textTemplate).toBe('x ${CLIENTS_VAR_SECRETISH}');
  });
});
