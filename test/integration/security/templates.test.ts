import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import axios from 'axios';
import { waitFor } from '@bridge/test-infra';
import { Bridge, startBridge } from '../../support/bridge-harness';
import { outboundEntry } from '../../support/itsm-stand-ins';
import { spawnService } from '../../support/spawn-service';

const ADMIN = { headers: { 'x-sandbox-admin': 'sandbox-admin' } };
/** A note template whose loop the note's text sizes: no check can see it run away, only the render limit can stop it. */
const SIZED_BY_THE_NOTE = `'{"work_notes": "{% for i in (1..interaction.text) %}x{% endfor %}"}'`;

/**
 * A client's templates as an attacker would write them (the clients file is the client's configuration, reviewed
 * but not trusted): one that reads a file stops the notifier from starting on that file; one that runs away fails
 * its own delivery, parked, while the worker goes on to the next.
 */
describe('templates are sandboxed', () => {
  let bridge: Bridge;

  beforeAll(async () => {
    bridge = await startBridge({
      clients: ['acme'],
      notifier: true,
      env: { RECONCILE_ENABLED: 'false' },
      outbound: { acme: (url) => `${outboundEntry({ id: 'acme', itsm: 'servicenow', webhookSecret: '', itsmPassword: '' }, url)}\n      templates:\n        note: ${SIZED_BY_THE_NOTE}` },
    });
  });
  afterAll(() => bridge.close());

  const parked = async () =>
    (await axios.get(`${bridge.notifierUrl}/admin/deliveries/parked`, { headers: { authorization: `Bearer ${bridge.adminToken}` } })).data as Array<{ externalSourceId: string; kind: string; attempts: number; error: string }>;

  it('a runaway template fails its own delivery, parked at once with the limit named, and the worker delivers the next', async () => {
    const instance = bridge.sandbox.servicenow.get('acme');
    const ticket = async (description: string) => {
      const record = instance.insert('incident', { short_description: description, assignment_group: 'Mobility', caller_name: 'Ann Smith', caller_phone: '5551234567' }, 'ann.smith');
      const request = await waitFor(() => bridge.sandbox.tangoe.supportRequestsOf('acme').find((r) => r.external_source_id === record.number), { description: `the support request of ${description}` });
      return { record, note: (text: string) => axios.post(`${bridge.sandbox.url}/sandbox/tangoe/support_requests/${request.id}/interactions`, { text }, ADMIN) };
    };
    const runaway = await ticket('runaway');
    // Another ticket's: a parked delivery holds its own ticket's later ones, by design (docs/tangoe-to-client.md).
    const next = await ticket('next');

    await runaway.note('3000000');
    const parkedRunaway = await waitFor(async () => (await parked()).find((d) => d.externalSourceId === runaway.record.number), { description: 'the runaway delivery parked' });
    expect(parkedRunaway).toMatchObject({ kind: 'note', attempts: 0, error: expect.stringMatching(/^template took longer than its \d+ ms render limit$/) });
    expect(instance.journalOf(runaway.record.sys_id)).toEqual([]);

    await next.note('4');
    await waitFor(() => instance.journalOf(next.record.sys_id).some((entry) => entry.value === 'xxxx'), { description: 'the next note delivered' });
  });

  it.each([
    ["{% include 'package.json' %}", 'names the file'],
    ['{% include interaction.text %}', 'lets the data choose the file'],
  ])('a template that reads a file (%s, %s) stops the notifier from starting, naming client and template', async (reads) => {
    const original = readFileSync(bridge.clientsFile, 'utf8');
    expect(original).toContain(`note: ${SIZED_BY_THE_NOTE}`);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'templates-'));
    const clientsFile = path.join(dir, 'clients.yaml');
    const logFile = path.join(dir, 'notifier.log');
    writeFileSync(clientsFile, original.replace(`note: ${SIZED_BY_THE_NOTE}`, `note: "${reads}"`));
    const notifier = spawnService('outbound-notifier', { CLIENTS_FILE: clientsFile, LOG_LEVEL: 'error' }, { logFile });
    // A notifier that took the file would serve on: it is stopped after a deadline and the test fails.
    const deadline = setTimeout(() => notifier.child.kill('SIGTERM'), 60_000);
    const exited = await notifier.exited.finally(() => clearTimeout(deadline));
    expect(exited).toBe(1);
    expect(readFileSync(logFile, 'utf8')).toMatch(/client \\?"acme\\?": outbound\.templates\.note template does not parse: \{% include %\} is not allowed: templates read no file/);
  });
});
