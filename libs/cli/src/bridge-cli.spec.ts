import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCliCaptured as run } from './testing/run-captured';

const fixture = path.resolve(__dirname, '../../itsm-adapters/src/servicenow/fixtures/incident-inserted.json');
const demoClients = path.resolve(__dirname, '../../../config/clients.demo.yaml');

describe('bridge normalize', () => {
  it("prints the events a payload becomes, with the client's mapping when one is named", async () => {
    const result = await run('normalize', '--itsm', 'servicenow', '--client', 'demo', '--clients', demoClients, fixture);
    expect(result.code).toBe(0);
    const events = JSON.parse(result.out);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'TicketOpened', subject: 'demo:INC0010001', data: { supportRequest: { requestType: 'Device Replacement', vip: true } } });
  });

  it('prints [] for a payload that means nothing to sync', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cli-'));
    const file = path.join(dir, 'other-group.json');
    writeFileSync(file, JSON.stringify({ ...require(fixture), record: { ...require(fixture).record, assignment_group: 'Service Desk' } }));
    expect(await run('normalize', '--itsm', 'servicenow', '--client', 'demo', '--clients', demoClients, file)).toMatchObject({ code: 0, out: '[]' });
  });

  it('exits 2 with one line for what it cannot read', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cli-'));
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '{"event": ');
    const invalid = path.join(dir, 'invalid.json');
    writeFileSync(invalid, '{"event":"record.inserted"}');
    for (const args of [['normalize', '--itsm', 'servicenow', broken], ['normalize', '--itsm', 'servicenow', invalid], ['normalize', '--itsm', 'remedy', broken], ['normalize', '--itsm', 'servicenow', path.join(dir, 'missing.json')]]) {
      const result = await run(...args);
      expect(result.code).toBe(2);
      expect(result.err.split('\n')).toHaveLength(1);
    }
  });
});

describe('bridge render', () => {
  const closed = path.resolve(__dirname, 'fixtures/tangoe-closed.json');

  it('prints the requests the notifier would send, with the credentials masked', async () => {
    const result = await run('render', '--client', 'demo', '--clients', demoClients, closed);
    expect(result.code).toBe(0);
    const { kind, requests } = JSON.parse(result.out);
    expect(kind).toBe('close');
    expect(requests[1]).toMatchObject({
      method: 'PATCH',
      url: 'http://127.0.0.1:3100/servicenow/demo/api/now/table/incident/{sys_id}',
      headers: { Authorization: 'Basic ***' },
      body: { number: 'INC0010001', state: '7', close_code: 'Solved (Permanently)', close_notes: 'Replacement shipped.', work_notes: 'Replacement shipped.' },
    });
  });

  it("renders a BMC Helix client's close as AR System calls, the AR-JWT masked, and normalizes its webhook", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cli-'));
    const clients = path.join(dir, 'clients.yaml');
    writeFileSync(
      clients,
      `version: 1
clients:
  - id: demo
    itsm: bmc-helix
    inbound: { type: basic, username: helix-webhook, password: { env: DEMO_HOOK } }
    mapping: { defaultRequestType: Tech Support }
    tangoe: { baseUrl: 'http://127.0.0.1:3100', apiUser: demo-api, auth: { type: api-token, token: { env: DEMO_TANGOE } } }
    outbound:
      baseUrl: https://demo-restapi.onbmc.com
      auth: { type: ar-jwt, username: tangoe.bridge, password: { env: DEMO_HELIX_PASSWORD } }
      integrationUser: tangoe.bridge
`,
    );
    const rendered = await run('render', '--client', 'demo', '--clients', clients, closed);
    expect(rendered.code).toBe(0);
    const { requests } = JSON.parse(rendered.out);
    expect(requests.map((r: { method: string }) => r.method)).toEqual(['GET', 'PUT', 'GET', 'POST']);
    expect(requests[1]).toMatchObject({ url: 'https://demo-restapi.onbmc.com/api/arsys/v1/entry/HPD%3AIncidentInterface/{Request ID}', headers: { Authorization: 'AR-JWT ***' }, body: { values: { Status: 'Resolved', Resolution: 'Replacement shipped.' } } });
    const helixFixture = path.resolve(__dirname, '../../itsm-adapters/src/bmc-helix/fixtures/worklog-added.json');
    const normalized = await run('normalize', '--itsm', 'bmc-helix', helixFixture);
    expect(normalized.code).toBe(0);
    expect(JSON.parse(normalized.out).map((e: { type: string; subject: string }) => `${e.type} ${e.subject}`)).toEqual(['TicketOpened dry-run:INC000000000101', 'CommentAdded dry-run:INC000000000101']);
  });

  it('exits 2 for an event it cannot read, or for another client', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cli-'));
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ type: 'StateChanged' }));
    expect((await run('render', '--client', 'demo', '--clients', demoClients, bad)).code).toBe(2);
    expect((await run('render', '--client', 'nobody', '--clients', demoClients, closed)).code).toBe(2);
  });
});

describe('bridge config check', () => {
  it('accepts a valid file and names the file, client and field of every problem in a bad one, exit 2', async () => {
    expect(await run('config', 'check', demoClients)).toMatchObject({ code: 0, out: expect.stringContaining('1 client(s) valid: demo (servicenow)') });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cli-'));
    const bad = path.join(dir, 'clients.yaml');
    writeFileSync(bad, require('node:fs').readFileSync(demoClients, 'utf8').replace('defaultRequestType: Tech Support', 'defaultRequestType: Coffee'));
    const result = await run('config', 'check', bad);
    expect(result.code).toBe(2);
    expect(result.err).toContain('clients.yaml: client "demo": mapping.defaultRequestType must be one of');
    const missing = await run('config', 'check', '--env', demoClients);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/refers to environment variable DEMO_\w+, which is not set/);
  });

  it('refuses a template that reads a file or runs away, naming the client and the template', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cli-'));
    const bad = path.join(dir, 'clients.yaml');
    const templates = `      templates:\n        note: "{% include 'package.json' %}"\n        resolve: "{% for i in (1..3000000) %}x{% endfor %}"\n`;
    writeFileSync(bad, require('node:fs').readFileSync(demoClients, 'utf8').replace('      assignmentGroup: Service Desk\n', `      assignmentGroup: Service Desk\n${templates}`));
    const result = await run('config', 'check', bad);
    expect(result.code).toBe(2);
    expect(result.err).toContain('client "demo": outbound.templates.note template does not parse: {% include %} is not allowed: templates read no file');
    expect(result.err).toContain('client "demo": outbound.templates.resolve template took longer than its 250 ms render limit even with no data');
  });
});

describe("bridge's settings", () => {
  it('are read from the environment on each run; a bad one exits 2 naming it, a token never shown', async () => {
    const saved = { NOTIFIER_URL: process.env.NOTIFIER_URL, ADMIN_TOKEN: process.env.ADMIN_TOKEN };
    try {
      Object.assign(process.env, { NOTIFIER_URL: 'notifier:3002', ADMIN_TOKEN: 'cli-s3cret-token' });
      expect(await run('deliveries', 'parked')).toEqual({ code: 2, out: '', err: 'invalid bridge settings: NOTIFIER_URL must be an http:// or https:// URL' });
      process.env.NOTIFIER_URL = '';
      expect(await run('deliveries', 'parked')).toEqual({ code: 2, out: '', err: 'deliveries needs the notifier: pass --url URL or set NOTIFIER_URL' });
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});

describe('bridge --help', () => {
  it('prints the usage, every ITSM named, and exits 0', async () => {
    for (const flag of ['--help', '-h', 'help']) {
      const result = await run(flag);
      expect(result).toMatchObject({ code: 0, err: '' });
      expect(result.out).toMatch(/^usage:/);
      for (const itsm of ['servicenow', 'jira', 'zendesk', 'freshservice', 'bmc-helix']) expect(result.out).toContain(itsm);
    }
  });

  it('still refuses an unknown command with exit 2', async () => {
    expect(await run('frobnicate')).toMatchObject({ code: 2 });
  });
});

describe('bridge normalize without --client', () => {
  it.each([
    ['servicenow', 'servicenow/fixtures/vendor-table-api-incident.json', 'dry-run:INC0000046'],
    ['jira', 'jira/fixtures/vendor-comment-created.json', 'dry-run:ZUL-1'],
    ['zendesk', 'zendesk/fixtures/vendor-event-status-changed.json', 'dry-run:5158'],
    ['freshservice', 'freshservice/fixtures/vendor-api-ticket.json', 'dry-run:266'],
  ])('shows the events a %s payload as its vendor publishes it would become, the fallbacks named', async (itsm, file, subject) => {
    const result = await run('normalize', '--itsm', itsm, path.resolve(__dirname, '../../itsm-adapters/src', file));
    expect(result).toMatchObject({ code: 0, err: '' });
    const events = JSON.parse(result.out);
    expect(events[0]).toMatchObject({ type: 'TicketOpened', subject, data: { fallbacksUsed: expect.arrayContaining(['requestorNumber']) } });
  });
});
