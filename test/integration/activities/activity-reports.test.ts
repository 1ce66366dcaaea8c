import axios from 'axios';
import { waitFor } from '@bridge/test-infra';
import { Bridge, startBridge } from '../../support/bridge-harness';
import { SftpServer, startSftpServer } from '../../support/sftp-server';

const ADMIN = { headers: { 'x-sandbox-admin': 'sandbox-admin' } };

describe('activity reports (seed 001, option 2) read from a real SFTP server', () => {
  let sftp: SftpServer;
  let bridge: Bridge;

  beforeAll(async () => {
    sftp = await startSftpServer();
    bridge = await startBridge({
      clients: ['acme'],
      notifier: true,
      env: { ACME_SFTP_KEY: sftp.privateKey },
      extra: {
        acme: () =>
          [
            '    activities:',
            '      mode: update',
            // Only the reports tell the bridge here: no poll, no push.
            '      poll: false',
            '      report:',
            `        host: ${sftp.host}`,
            `        port: ${sftp.port}`,
            `        username: ${sftp.username}`,
            '        privateKey: { env: ACME_SFTP_KEY }',
            `        hostKeySha256: '${sftp.hostKeySha256}'`,
            `        directory: '${sftp.directory}'`,
            '        intervalMs: 1000',
          ].join('\n'),
      },
    });
  });
  afterAll(async () => {
    await bridge?.close();
    await sftp?.close();
  });

  const open = async (fields: Record<string, unknown>) => (await axios.post(`${bridge.sandbox.url}/sandbox/tangoe/activities`, { company: 'acme', ...fields }, ADMIN)).data as { id: number; ticket_number: string };
  const report = async () => (await axios.get(`${bridge.sandbox.url}/sandbox/tangoe/activities/report.csv?company=acme`, ADMIN)).data as string;
  const reportsRead = async () => (await axios.get(`${bridge.gatewayUrl}/admin/activity-reports?client=acme`, { headers: { authorization: `Bearer ${bridge.adminToken}` } })).data as Array<{ file: string; rowsUsed: number; problems: Array<{ line: number; message: string }> }>;

  it('turns each row into one update at the client, reports a bad row by line, and reads a file again only when it changed', async () => {
    const instance = bridge.sandbox.servicenow.get('acme');
    const first = instance.insert('sc_req_item', { short_description: 'Phone for Ann', state: '1' }, 'ann.smith');
    const second = instance.insert('sc_req_item', { short_description: 'Phone for Bo', state: '1' }, 'bo.chen');
    const a = await open({ remote_activity_id: first.number });
    const b = await open({ remote_activity_id: second.number });
    await axios.post(`${bridge.sandbox.url}/sandbox/tangoe/activities/${a.id}/state`, { state: 'completed', tracking_url: 'https://track.example/9' }, ADMIN);

    // The portal's report, with one row broken on purpose (line 3: the second activity's).
    const lines = (await report()).trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    const broken = [...lines];
    expect(lines[2].startsWith(`${b.id},ordered,`)).toBe(true);
    broken[2] = lines[2].replace(`${b.id},ordered,`, `${b.id},shipped,`);
    sftp.writeReport('activities-2026-11-24.csv', `${broken.join('\n')}\n`, new Date(Date.now() - 60_000));

    await waitFor(() => instance.records.get(first.sys_id)?.state === '3', { description: 'the completed row reached its RITM', timeoutMs: 30_000 });
    const [read] = await waitFor(async () => ((await reportsRead()).length === 1 ? reportsRead() : undefined), { description: 'the report recorded as read' });
    expect(read).toMatchObject({ file: 'activities-2026-11-24.csv', rowsUsed: 1, problems: [{ line: 3, message: expect.stringContaining('State "shipped"') }] });
    expect(instance.journalOf(first.sys_id).at(-1)?.value).toContain('Order Tracking URL: https://track.example/9');
    expect(instance.records.get(second.sys_id)?.state).toBe('1');

    // The next day's report lists the completed activity again, unchanged, and the second one fixed: the first
    // row is no news, the second is.
    sftp.writeReport('activities-2026-11-25.csv', `${lines.join('\n')}\n`);
    await waitFor(() => instance.records.get(second.sys_id)?.state === '2', { description: 'the fixed row reached its RITM' });
    await waitFor(async () => (await reportsRead()).length === 2, { description: 'both reports read' });
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const patches = (sysId: string) => instance.calls.filter((call) => call.method === 'PATCH' && call.sysId === sysId);
    expect(patches(first.sys_id)).toHaveLength(1);
    expect(patches(second.sys_id)).toHaveLength(1);
    expect((await reportsRead()).map((r) => r.file).sort()).toEqual(['activities-2026-11-24.csv', 'activities-2026-11-25.csv']);
  });
});
