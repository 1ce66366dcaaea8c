import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import axios from 'axios';
import { runCli } from '@bridge/cli';
import { waitFor } from '@bridge/test-infra';

const REPO = path.resolve(__dirname, '../../..');
/**
 * Fixed ports, below Linux's ephemeral range (32768-60999): a port in that range can be the local end of any
 * outgoing connection the rest of the run opens (a full test run here failed with EADDRINUSE on 39302).
 */
const portsFrom = (base: number) => ({ INGRESS_PORT: String(base), GATEWAY_PORT: String(base + 1), NOTIFIER_PORT: String(base + 2), CONSOLE_PORT: String(base + 3), SANDBOX_PORT: String(base + 10) });

/**
 * The README's first command as a newcomer runs it (`npm start`, after the install the test run already did):
 * the whole bridge in one process on its embedded defaults, driven over HTTP through the demo story; and the same
 * story with the sandbox ServiceNow's webhooks off, the bridge learning of the incident by reconciliation alone.
 */
describe.each([
  ['the standalone run (npm start)', portsFrom(29300), {}],
  ['the standalone run with the ITSM webhooks off (SANDBOX_ITSM_WEBHOOKS=off npm start)', portsFrom(29320), { SANDBOX_ITSM_WEBHOOKS: 'off', RECONCILE_INTERVAL_MS: '1000' }],
])('%s', (_, PORTS, extraEnv) => {
  let bridge: ChildProcess;
  let output = '';

  beforeAll(async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, ...PORTS, ...extraEnv, DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'standalone-')) };
    // Standalone is embedded by definition: the run's Kafka and PostgreSQL must not leak into it.
    delete env.KAFKA_BROKERS;
    delete env.DATABASE_URL;
    delete env.CLIENTS_FILE;
    delete env.ADMIN_TOKEN;
    delete env.TOPIC_NAMESPACE;
    delete env.DATABASE_SCHEMA_PREFIX;
    if (!('RECONCILE_INTERVAL_MS' in extraEnv)) delete env.RECONCILE_INTERVAL_MS;
    bridge = spawn('npm', ['start'], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    // Ready when it says where it listens; a start that exits or stays silent fails with what it printed.
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start said nothing of where it listens within 90 s; it printed: ${output.slice(-2_000)}`)), 90_000);
      const take = (chunk: Buffer) => {
        output += chunk;
        if (output.includes('Stop with Ctrl-C.')) {
          clearTimeout(timer);
          resolve();
        }
      };
      bridge.stdout!.on('data', take);
      bridge.stderr!.on('data', take);
      bridge.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`npm start exited (${signal ?? code}) before it was ready; it printed: ${output.slice(-2_000)}`));
      });
    });
  }, 100_000);

  afterAll(() => {
    if (bridge.exitCode === null && bridge.signalCode === null && bridge.pid) process.kill(-bridge.pid, 'SIGTERM');
  });

  it('prints where each part listens', () => {
    for (const port of Object.values(PORTS)) expect(output).toContain(`127.0.0.1:${port}`);
  });

  it('runs the operators\' console: signed in with the demo admin token, it shows the demo client flowing', async () => {
    const consoleUrl = `http://127.0.0.1:${PORTS.CONSOLE_PORT}`;
    const signIn = await axios.post(`${consoleUrl}/login`, new URLSearchParams({ operator: 'newcomer', token: 'demo-admin-token-of-the-standalone-bridge', next: '/clients' }).toString(), { maxRedirects: 0, validateStatus: () => true });
    expect(signIn.status).toBe(303);
    const cookie = String(signIn.headers['set-cookie']?.[0]).split(';')[0];
    // Flowing once the demo's ServiceNow has been read: the first reading may come before the sandbox serves it
    // (the console then says so: "its last reconciliation failed"), the next, RECONCILE_INTERVAL_MS later, does not.
    await waitFor(async () => (await axios.get<string>(`${consoleUrl}/clients`, { headers: { cookie } })).data.includes('<tr data-client="demo" data-health="flowing">'), {
      description: 'the demo client flowing on the clients page',
      timeoutMs: 30_000,
      intervalMs: 500,
    });
  });

  it('tells the demo story as a timeline with `bridge demo`', async () => {
    const lines: string[] = [];
    const code = await runCli(['demo', '--sandbox', `http://127.0.0.1:${PORTS.SANDBOX_PORT}`], (t) => lines.push(t), (t) => lines.push(`error: ${t}`));
    expect(lines.join('\n')).not.toContain('error:');
    expect(code).toBe(0);
    expect(lines.map((l) => l.slice(8, 40).trim().split(/\s{2,}/)[0])).toEqual(['ITSM', 'Tangoe', 'ITSM', 'Tangoe', 'Tangoe', 'Tangoe', 'ITSM']);
    expect(lines.at(-1)).toMatch(/closed \(state 7, close notes "Replacement device shipped, tracking 1Z999."\)/);
  });

  it('carries a ticket both ways: opened at the ITSM, a support request at Tangoe, the specialist closes it, closed at the ITSM', async () => {
    const sandbox = `http://127.0.0.1:${PORTS.SANDBOX_PORT}`;
    // As the README's story does: the demo's caller opens the incident (what the bridge's own user creates is its echo).
    const itsm = axios.create({ baseURL: `${sandbox}/servicenow/demo/api/now/table`, auth: { username: 'ann.smith', password: 'demo-caller-password' } });
    const created = (await itsm.post('/incident', { short_description: 'Screen cracked', assignment_group: 'Mobility', caller_name: 'Ann Smith', caller_phone: '5551234567' })).data.result;

    // Watched through the specialist's view: Tangoe's API budget belongs to the bridge.
    const specialist = { headers: { 'x-sandbox-admin': 'sandbox-admin' } };
    const request = await waitFor(
      async () => ((await axios.get(`${sandbox}/sandbox/tangoe/support_requests`, specialist)).data as Array<{ id: number; external_source_id: string }>).find((r) => r.external_source_id === created.number),
      { description: 'the support request at Tangoe', intervalMs: 200 },
    );
    await axios.post(`${sandbox}/sandbox/tangoe/support_requests/${request.id}/interactions`, { text: 'New screen fitted.' }, specialist);
    await axios.post(`${sandbox}/sandbox/tangoe/support_requests/${request.id}/state`, { state: 'closed' }, specialist);

    const closed = await waitFor(async () => {
      const record = (await itsm.get(`/incident?sysparm_query=number=${created.number}`)).data.result[0];
      return record.state === '7' ? record : undefined;
    }, { description: 'the incident closed at the ITSM', timeoutMs: 90_000, intervalMs: 200 });
    expect(closed.close_notes).toBe('New screen fitted.');
    const parked = await axios.get(`http://127.0.0.1:${PORTS.NOTIFIER_PORT}/admin/deliveries/parked`, { headers: { authorization: 'Bearer demo-admin-token-of-the-standalone-bridge' } });
    expect(parked.data).toEqual([]);
    // Nothing parked anywhere, the shared in-process bus's dead letters included.
    for (const port of [PORTS.GATEWAY_PORT, PORTS.NOTIFIER_PORT]) {
      expect((await axios.get(`http://127.0.0.1:${port}/admin/parked`, { headers: { authorization: 'Bearer demo-admin-token-of-the-standalone-bridge' } })).data).toEqual([]);
    }
  });
});
