import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from './bridge-cli';

const fixture = path.resolve(__dirname, '../../itsm-adapters/src/servicenow/fixtures/incident-inserted.json');
const demoClients = path.resolve(__dirname, '../../../config/clients.demo.yaml');

function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(argv, (t) => out.push(t), (t) => err.push(t));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('bridge normalize', () => {
  it("prints the events a payload becomes, with the client's mapping when one is named", () => {
    const result = run('normalize', '--itsm', 'servicenow', '--client', 'demo', '--clients', demoClients, fixture);
    expect(result.code).toBe(0);
    const events = JSON.parse(result.out);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'TicketOpened', subject: 'demo:INC0010001', data: { supportRequest: { requestType: 'Device Replacement', vip: true } } });
  });

  it('prints [] for a payload that means nothing to sync', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cli-'));
    const file = path.join(dir, 'other-group.json');
    writeFileSync(file, JSON.stringify({ ...require(fixture), record: { ...require(fixture).record, assignment_group: 'Service Desk' } }));
    expect(run('normalize', '--itsm', 'servicenow', '--client', 'demo', '--clients', demoClients, file)).toMatchObject({ code: 0, out: '[]' });
  });

  it('exits 2 with one line for what it cannot read', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cli-'));
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '{"event": ');
    const invalid = path.join(dir, 'invalid.json');
    writeFileSync(invalid, '{"event":"record.inserted"}');
    for (const args of [['normalize', '--itsm', 'servicenow', broken], ['normalize', '--itsm', 'servicenow', invalid], ['normalize', '--itsm', 'remedy', broken], ['normalize', '--itsm', 'servicenow', path.join(dir, 'missing.json')]]) {
      const result = run(...args);
      expect(result.code).toBe(2);
      expect(result.err.split('\n')).toHaveLength(1);
    }
  });
});
