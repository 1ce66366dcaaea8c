import 'reflect-metadata';
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ClientsFileSource, loadClientDirectory } from './clients-file-source';
import { ClientsReloadTriggers } from './clients-reload-triggers';
import { ClientsReloader } from './clients-reloader';
import { createLogger } from './logger';
import { Metrics } from './metrics';
import { loadServiceSettings } from './service-settings';

const entry = (id: string, secret = `${id.toUpperCase()}_HOOK`) => `
  - id: ${id}
    itsm: servicenow
    inbound: { type: hmac, secret: { env: ${secret} } }
    mapping: { defaultRequestType: Tech Support }
    tangoe:
      baseUrl: \${CLIENTS_VAR_TANGOE_URL:-http://127.0.0.1:3100}
      apiUser: ${id}-api
      auth: { type: api-token, token: { env: ${id.toUpperCase()}_HOOK } }`;

const SECRETS = { ACME_HOOK: 'acme-s3cret-value', GLOBEX_HOOK: 'globex-s3cret-value' };

function setUp() {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'clients-reload-')), 'clients.yaml');
  const write = (...entries: string[]) => writeFileSync(file, `version: 1\nclients:${entries.join('')}\n`);
  write(entry('acme'));
  const env: NodeJS.ProcessEnv = { CLIENTS_FILE: file, ...SECRETS, CLIENTS_VAR_TANGOE_URL: 'http://tangoe.example' };
  const source = new ClientsFileSource(['servicenow'], loadServiceSettings(env));
  const directory = loadClientDirectory(source);
  const logs: string[] = [];
  const logger = createLogger('test', 'debug', { write: (line: string) => logs.push(line) });
  const metrics = new Metrics('test');
  const reloader = new ClientsReloader(directory, source, logger, metrics);
  return { file, write, env, source, directory, logs, logger, metrics, reloader };
}

describe('ClientsReloader', () => {
  it('puts a valid new file in place and says what changed; the same file again changes nothing', async () => {
    const { write, directory, reloader } = setUp();
    const before = directory.version!.sha256;
    write(entry('acme'), entry('globex'));
    const applied = await reloader.reload('admin');
    expect(applied).toMatchObject({ outcome: 'applied', added: ['globex'], changed: [], removed: [], warnings: [] });
    expect(directory.get('globex')).toBeDefined();
    expect(directory.version!.sha256).not.toBe(before);
    expect(await reloader.reload('admin')).toEqual({ outcome: 'unchanged', sha256: directory.version!.sha256 });
  });

  it('keeps the clients in place when the new file has a problem, and says which, naming variables, never values', async () => {
    const { write, file, directory, reloader, logs } = setUp();
    const inPlace = directory.version!.sha256;
    write(entry('acme'), entry('globex', 'GLOBEX_MISSING'), entry('bad id!'));
    const refused = await reloader.reload('admin');
    expect(refused).toMatchObject({ outcome: 'rejected', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const problems = refused.outcome === 'rejected' ? refused.problems : [];
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'clients.yaml', client: 'globex', field: 'inbound.secret', message: expect.stringContaining('GLOBEX_MISSING') }),
        expect.objectContaining({ client: '#3', field: 'id' }),
      ]),
    );
    expect(directory.ids()).toEqual(['acme']);
    expect(directory.version!.sha256).toBe(inPlace);
    expect(reloader.last).toMatchObject({ outcome: 'rejected', trigger: 'admin' });
    const logged = logs.join('');
    expect(logged).toContain('clients file refused');
    for (const secret of Object.values(SECRETS)) expect(logged).not.toContain(secret);

    // A file that is no YAML: where, not what (the parser would quote the line, interpolated values and all).
    writeFileSync(file, 'version: 1\nclients:\n  - id: acme\n   tangoe: ${CLIENTS_VAR_TANGOE_URL}\n  bad: [\n');
    const broken = await reloader.reload('watch');
    expect(broken).toMatchObject({ outcome: 'rejected', problems: [expect.objectContaining({ message: expect.stringMatching(/not valid YAML/) })] });
    expect(JSON.stringify(broken)).not.toContain('tangoe.example');
    expect(directory.ids()).toEqual(['acme']);
  });

  it('says when the file cannot be read, and keeps the clients in place', async () => {
    const { file, directory, reloader } = setUp();
    renameSync(file, `${file}.gone`);
    expect(await reloader.reload('signal')).toMatchObject({ outcome: 'rejected', problems: [{ message: 'cannot be read: ENOENT' }] });
    expect(directory.ids()).toEqual(['acme']);
  });

  it('runs reloads one at a time: two at once apply the file once', async () => {
    const { write, reloader } = setUp();
    write(entry('acme'), entry('globex'));
    const outcomes = await Promise.all([reloader.reload('admin'), reloader.reload('signal')]);
    expect(outcomes.map((outcome) => outcome.outcome)).toEqual(['applied', 'unchanged']);
  });

  it('counts reloads by trigger and outcome, and shows the file in place and whether the newest was refused', async () => {
    const { write, directory, reloader, metrics } = setUp();
    write(entry('acme'), entry('globex'));
    await reloader.reload('admin');
    write(entry('acme'), entry('globex', 'NOT_SET'));
    await reloader.reload('watch');
    const text = await metrics.registry.metrics();
    expect(text).toContain('bridge_clients_reloads_total{trigger="admin",outcome="applied",service="test"} 1');
    expect(text).toContain('bridge_clients_reloads_total{trigger="watch",outcome="rejected",service="test"} 1');
    expect(text).toContain(`bridge_clients_file_info{sha256="${directory.version!.sha256}",service="test"} 1`);
    expect(text).toContain('bridge_clients_file_rejected{service="test"} 1');
    expect(text).toContain('bridge_clients_configured{service="test"} 2');
  });
});

describe('ClientsReloadTriggers', () => {
  it('reloads on SIGHUP, and no more once the service stops', async () => {
    const { write, directory, reloader, source, logger } = setUp();
    const triggers = new ClientsReloadTriggers(reloader, source, directory, logger, 0);
    triggers.onApplicationBootstrap();
    try {
      write(entry('acme'), entry('globex'));
      process.emit('SIGHUP', 'SIGHUP');
      for (let i = 0; i < 100 && !directory.get('globex'); i += 1) await sleep(10);
      expect(reloader.last).toMatchObject({ trigger: 'signal', outcome: 'applied' });
    } finally {
      triggers.beforeApplicationShutdown();
    }
    expect(process.listeners('SIGHUP')).toHaveLength(0);
  });

  it('watches the bytes: reloads a changed file, and tries the same refused bytes only once', async () => {
    const { write, directory, reloader, source, logger, metrics } = setUp();
    const triggers = new ClientsReloadTriggers(reloader, source, directory, logger, 0);
    await triggers.look();
    expect(reloader.last).toBeUndefined();
    write(entry('acme'), entry('globex', 'NOT_SET'));
    await triggers.look();
    await triggers.look();
    expect(await metrics.registry.metrics()).toContain('bridge_clients_reloads_total{trigger="watch",outcome="rejected",service="test"} 1');
    write(entry('acme'), entry('globex'));
    await triggers.look();
    expect(directory.ids()).toEqual(['acme', 'globex']);
  });

  it('polls on its own when given an interval', async () => {
    const { write, directory, reloader, source, logger } = setUp();
    const triggers = new ClientsReloadTriggers(reloader, source, directory, logger, 20);
    triggers.onApplicationBootstrap();
    try {
      write(entry('acme'), entry('globex'));
      for (let i = 0; i < 200 && !directory.get('globex'); i += 1) await sleep(10);
      expect(reloader.last).toMatchObject({ trigger: 'watch', outcome: 'applied' });
    } finally {
      triggers.beforeApplicationShutdown();
    }
  });
});
