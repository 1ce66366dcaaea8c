import { readFileSync, writeFileSync } from 'node:fs';
import axios from 'axios';
import { runCli } from '@bridge/cli';
import { waitFor } from '@bridge/test-infra';
import { Bridge, startBridge } from '../../support/bridge-harness';
import { incidentInserted } from '../../support/servicenow-payloads';

/**
 * The clients file reloaded without a restart (ADR 17), on the real parts: a client added by `bridge clients reload`
 * works both ways; a bad file is refused with its reasons while the clients in place go on; a removed client's
 * webhooks are refused, and what happened meanwhile on either side waits and flows, once and in order, on its return.
 */
describe('reloading the clients file', () => {
  let bridge: Bridge;
  beforeAll(async () => (bridge = await startBridge({ clients: ['acme'], reserve: ['globex'], notifier: true })));
  afterAll(() => bridge?.close());

  const admin = () => ({ headers: { authorization: `Bearer ${bridge.adminToken}` }, validateStatus: () => true });
  const services = () => ({ ingress: bridge.ingressUrl, gateway: bridge.gatewayUrl, notifier: bridge.notifierUrl });
  /** `bridge clients reload` as an operator runs it (ADMIN_TOKEN is in the environment). */
  const reloadCli = async () => {
    let out = '';
    let err = '';
    const { ingress, gateway, notifier } = services();
    const code = await runCli(['clients', 'reload', '--ingress', ingress, '--gateway', gateway, '--notifier', notifier], (text) => (out += text), (text) => (err += text));
    return { code, out, err };
  };
  const fileAt = async (url: string) => (await axios.get(`${url}/admin/clients/file`, admin())).data as { sha256: string; clients: string[]; lastReload?: { outcome: string; trigger: string } };
  const specialist = (id: number, text: string) => axios.post(`${bridge.sandbox.url}/sandbox/tangoe/support_requests/${id}/interactions`, { text }, { headers: { 'x-sandbox-admin': 'sandbox-admin' } });
  const open = (client: string, title: string) => {
    const record = bridge.sandbox.servicenow.get(client).insert('incident', { short_description: title, assignment_group: 'Mobility', caller_name: 'Ann Smith', caller_phone: '5551234567', state: '2' }, 'ann.smith');
    return { record, request: () => bridge.sandbox.tangoe.supportRequestsOf(client).find((r) => r.external_source_id === record.number) };
  };
  const bridgeNotes = (client: string, sysId: string) => bridge.sandbox.servicenow.get(client).journalOf(sysId).filter((entry) => entry.sys_created_by === 'tangoe.bridge').map((entry) => entry.value);

  let globexTicket: ReturnType<typeof open>;
  let globexRequestId: number;

  it('adds a client: every service takes it up, its webhooks are accepted, its tickets reach Tangoe and Tangoe\'s notes its ITSM', async () => {
    expect((await bridge.postServiceNow('globex', incidentInserted('INC7000001'))).status).toBe(404);

    bridge.writeClientsFile(['acme', 'globex']);
    const reloaded = await reloadCli();
    expect(reloaded).toMatchObject({ code: 0 });
    const answers = JSON.parse(reloaded.out) as Record<string, { outcome: string; added: string[] }>;
    for (const name of ['ingress', 'gateway', 'notifier']) expect(answers[name]).toMatchObject({ outcome: 'applied', added: ['globex'], changed: [], removed: [] });
    for (const url of Object.values(services())) expect(await fileAt(url)).toMatchObject({ clients: ['acme', 'globex'], lastReload: { outcome: 'applied', trigger: 'admin' } });

    globexTicket = open('globex', 'A client added by a reload');
    const request = await waitFor(globexTicket.request, { description: "the added client's ticket at Tangoe" });
    globexRequestId = request.id;
    await specialist(request.id, 'Hello from Tangoe');
    await waitFor(() => bridgeNotes('globex', globexTicket.record.sys_id).includes('Hello from Tangoe'), { description: "Tangoe's note in the added client's ServiceNow" });
  });

  it('refuses a bad file with its reasons, on the admin API and the CLI; the clients in place go on serving', async () => {
    const inPlace = (await fileAt(bridge.ingressUrl)).sha256;
    const good = readFileSync(bridge.clientsFile, 'utf8');
    writeFileSync(
      bridge.clientsFile,
      `${good}  - id: initech
    itsm: servicenow
    inbound: { type: hmac, secret: { env: INITECH_HOOK_NOT_SET } }
    mapping: { defaultRequestType: Coffee }
    tangoe: { baseUrl: 'http://127.0.0.1:1', apiUser: initech-api, auth: { type: api-token, token: { env: INITECH_TOKEN_NOT_SET } } }
`,
    );
    // Each service names the missing secret it uses (docs/security.md#secrets-per-service), and all the bad mapping.
    const secretUsedBy: Record<string, { field: string; variable: string } | undefined> = {
      ingress: { field: 'inbound.secret', variable: 'INITECH_HOOK_NOT_SET' },
      gateway: { field: 'tangoe.auth.token', variable: 'INITECH_TOKEN_NOT_SET' },
      notifier: undefined,
    };
    for (const [name, url] of Object.entries(services())) {
      const answer = await axios.post(`${url}/admin/clients/reload`, {}, admin());
      expect(answer.status).toBe(422);
      expect(answer.data).toMatchObject({ error: 'invalid_clients_file', outcome: 'rejected', inPlace });
      const secret = secretUsedBy[name];
      expect(answer.data.problems).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ client: 'initech', field: 'mapping.defaultRequestType' }),
          ...(secret ? [expect.objectContaining({ client: 'initech', field: secret.field, message: expect.stringContaining(secret.variable) })] : []),
        ]),
      );
      // A secret the service does not use is not asked of it.
      const fields = (answer.data.problems as Array<{ field: string }>).map((problem) => problem.field);
      for (const [other, used] of Object.entries(secretUsedBy)) if (other !== name && used) expect(fields).not.toContain(used.field);
    }
    const cli = await reloadCli();
    expect(cli.code).toBe(2);
    expect(cli.err).toContain('not reloaded by ingress');
    expect(cli.err).toContain('INITECH_HOOK_NOT_SET');
    const metrics = (await axios.get<string>(`${bridge.gatewayUrl}/metrics`, { responseType: 'text' })).data;
    expect(metrics).toMatch(/bridge_clients_file_rejected\{[^}]*\} 1/);
    expect(metrics).toMatch(new RegExp(`bridge_clients_file_info\\{sha256="${inPlace}"[^}]*\\} 1`));
    expect(metrics).toMatch(/bridge_clients_reloads_total\{trigger="admin",outcome="rejected"[^}]*\} 2/);

    const acme = open('acme', 'While a bad file was refused');
    await waitFor(acme.request, { description: "acme's ticket at Tangoe with the bad file refused" });
    const other = open('globex', 'The added client too');
    await waitFor(other.request, { description: "globex's ticket at Tangoe with the bad file refused" });
    for (const url of Object.values(services())) expect(await fileAt(url)).toMatchObject({ sha256: inPlace, clients: ['acme', 'globex'], lastReload: { outcome: 'rejected' } });
  });

  it("refuses a removed client's webhooks, and what happened on either side meanwhile flows once, in order, on its return", async () => {
    const globex = bridge.sandbox.servicenow.get('globex');
    const { sys_id: sysId } = globexTicket.record;
    const request = () => bridge.sandbox.tangoe.supportRequestsOf('globex').find((r) => r.id === globexRequestId)!;

    // In flight as the client goes: a caller's comment on its way to the gateway, a specialist's note on its way to
    // the notifier (both stopped, so the events wait in Kafka until they start again, with globex out of the file).
    await bridge.stopGateway();
    await bridge.stopNotifier();
    globex.update('incident', sysId, { comments: 'c1 as the client goes' }, 'ann.smith');
    await specialist(globexRequestId, 's1 as the client goes');
    await waitFor(async () => globex.pendingWebhooks() === 0 && (await bridge.sandbox.tangoe.pusher.settled(), true), { description: 'the comment and the note taken by the ingress' });

    bridge.writeClientsFile(['acme']);
    process.emit('SIGHUP', 'SIGHUP');
    await waitFor(async () => (await fileAt(bridge.ingressUrl)).clients.join() === 'acme', { description: 'the ingress without globex' });
    await bridge.startGateway();
    const notifierUrl = await bridge.startNotifier();

    // Out of the file: its webhooks are refused, and what happens now waits too.
    const refused = await bridge.postServiceNow('globex', incidentInserted('INC7000002'));
    expect(refused).toMatchObject({ status: 404, data: { error: 'unknown_client' } });
    globex.update('incident', sysId, { comments: 'c2 while out' }, 'ann.smith');
    await specialist(globexRequestId, 's2 while out');
    await bridge.quiescent();
    expect(request().interactions.map((i) => i.text)).not.toEqual(expect.arrayContaining(['c1 as the client goes']));
    expect(bridgeNotes('globex', sysId)).toEqual(['Hello from Tangoe']);
    const held = (await axios.get<string>(`${notifierUrl}/metrics`, { responseType: 'text' })).data;
    expect(held).toMatch(/bridge_held_updates\{client="globex"[^}]*\} 1/);

    bridge.writeClientsFile(['acme', 'globex']);
    process.emit('SIGHUP', 'SIGHUP');
    await waitFor(() => request().interactions.some((i) => i.text === 'c2 while out'), { description: "the caller's comments at Tangoe after the return" });
    await waitFor(() => bridgeNotes('globex', sysId).includes('s2 while out'), { description: "the specialist's notes in ServiceNow after the return" });
    await bridge.quiescent();
    const texts = request().interactions.map((i) => i.text);
    expect(texts.filter((text) => text === 'c1 as the client goes' || text === 'c2 while out')).toEqual(['c1 as the client goes', 'c2 while out']);
    expect(texts.indexOf('c1 as the client goes')).toBeLessThan(texts.indexOf('c2 while out'));
    expect(bridgeNotes('globex', sysId)).toEqual(['Hello from Tangoe', 's1 as the client goes', 's2 while out']);
  });
});
