import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { parseClientsFile } from '@bridge/clients-config';
import { ITSM_NAMES } from '@bridge/itsm-adapters';
import { SECRETS_USED as INGRESS } from '../../apps/ingress/src/secrets-used';
import { SECRETS_USED as GATEWAY } from '../../apps/tangoe-gateway/src/secrets-used';
import { SECRETS_USED as NOTIFIER } from '../../apps/outbound-notifier/src/secrets-used';

const exampleText = readFileSync(path.join(__dirname, '../../deploy/helm/tangoe-itsm-bridge/examples/production.yaml'), 'utf8');
const example = parse(exampleText);
const clientsFile: string = example.clients.file;
/** The variables the example's comments say each service's Secrets hold. */
const secretsOf = (service: string): string[] => {
  const comment = exampleText.split(`  ${service}:\n`)[1].split('\n')[0];
  return comment.replace(/^\s*#\s*/, '').split(/,\s*/).map((entry) => entry.split(' ')[0]);
};
const load = (env: string[], used: typeof INGRESS) =>
  parseClientsFile(clientsFile, 'clients.yaml', { knownItsms: ITSM_NAMES, env: Object.fromEntries(env.map((name) => [name, 's3cret'])), checkSecrets: true, secretsUsed: used });

/**
 * The production example gives each service only its own secrets: each loads its clients file with them and
 * nothing more, and none loads with another's.
 */
describe("the production example's secrets, per service", () => {
  it('lets each service load the clients file with its own secrets alone', () => {
    expect(secretsOf('ingress')).toEqual(['ACME_WEBHOOK_SECRET', 'ACME_ACTIVITY_PUSH_PASSWORD', 'ACME_SN_PASSWORD', 'GLOBEX_WEBHOOK_TOKEN']);
    expect(load(secretsOf('ingress'), INGRESS).clients.map((client) => client.id)).toEqual(['acme', 'globex']);
    expect(load(secretsOf('tangoe-gateway'), GATEWAY).clients).toHaveLength(2);
    expect(load(secretsOf('outbound-notifier'), NOTIFIER).clients).toHaveLength(2);
  });

  it("refuses each service another's secrets in place of its own, naming what is missing", () => {
    expect(() => load(secretsOf('outbound-notifier'), INGRESS)).toThrow(/inbound\.secret refers to environment variable ACME_WEBHOOK_SECRET/);
    expect(() => load(secretsOf('ingress'), GATEWAY)).toThrow(/tangoe\.auth\.token refers to environment variable ACME_TANGOE_TOKEN/);
    // globex's webhook target token is the notifier's alone: the ingress, which never reads globex's endpoint, lacks it.
    expect(() => load(secretsOf('ingress'), NOTIFIER)).toThrow(/outbound\.auth\.token refers to environment variable GLOBEX_HOOK_TOKEN/);
  });
});
