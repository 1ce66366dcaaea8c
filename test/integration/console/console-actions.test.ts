import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import axios from 'axios';
import type { Browser, Page } from 'playwright-core';
import { waitFor } from '@bridge/test-infra';
import { Bridge, startBridge } from '../../support/bridge-harness';
import { accessibilityViolations, consoleAuditLines, cookieHeaderOf, launchChromium, screenshot, signedInPage } from '../../support/console-browser';

/**
 * The console's actions on a client, each driven in Debian's headless Chromium against the real services, Kafka and
 * PostgreSQL, each confirmed first and written to the audit log: an onboarding's dry run and its run (first: the
 * gateway keeps Tangoe's list a minute, and the onboarding's known request is made before anything read it), a drift
 * report and a repair, a reconciliation now, and the re-enabling of an endpoint a 410 disabled.
 * acme's ServiceNow sends no webhooks and Tangoe is not polled: whatever reaches Tangoe of it came by these actions.
 */
describe("the operators' console: its actions", () => {
  let bridge: Bridge;
  let browser: Browser;
  let page: Page;
  const logFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'console-log-')), 'console.log');
  const audit = (action: string) => consoleAuditLines(logFile).filter((line) => line.action === action);
  const atTangoe = (number: string) => bridge.sandbox.tangoe.supportRequestsOf('acme').filter((r) => r.external_source_id === number);
  const reconciledAt = async () =>
    ((await axios.get(`${bridge.ingressUrl}/admin/reconciliation`, { headers: { authorization: `Bearer ${bridge.adminToken}` } })).data as Array<{ clientId: string; lastRunAt?: string }>).find((s) => s.clientId === 'acme')?.lastRunAt;

  beforeAll(async () => {
    bridge = await startBridge({
      clients: ['acme', 'globex'],
      webhooksOff: ['acme'],
      notifier: true,
      console: true,
      consoleEnv: { LOG_FILE: logFile, LOG_LEVEL: 'warn' },
      // Reconciliation reads acme's ITSM once at the start, then every hour: only "Reconcile now" reads it sooner.
      env: { POLL_ENABLED: 'false', RECONCILE_INTERVAL_MS: '3600000' },
    });
    await waitFor(reconciledAt, { description: "acme's first reconciliation, before any ticket" });
    browser = await launchChromium();
    page = await signedInPage(browser, bridge.consoleUrl, bridge.adminToken, 'Eve Admin');
  });
  afterAll(async () => {
    await browser?.close();
    await bridge?.close();
  });

  const openClient = async (clientId: string) => {
    await page.goto(`${bridge.consoleUrl}/clients/${clientId}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${clientId}`) }).waitFor();
  };

  it("says in a dry run what an onboarding would do, then runs it on the operator's word", async () => {
    const instance = bridge.sandbox.servicenow.get('acme');
    const opened = (title: string) => instance.insert('incident', { short_description: title, assignment_group: 'Mobility', caller_name: 'Ann Smith', caller_phone: '5551234567', state: '2', opened_at: '2026-01-15 09:00:00' }, 'ann.smith');
    const [known, fresh] = [opened('Made by the earlier bridge'), opened('Never seen by any bridge')];
    await axios.post(
      `${bridge.sandbox.url}/1/support_requests`,
      { support_request: { text: `Made by the earlier bridge for ${known.number}`, requestor_name: 'Ann Smith', requestor_number: '5551234567', request_type: 'Tech Support', external_source_id: known.number } },
      { headers: { 'API-Token': bridge.clients[0].tangoeToken } },
    );

    await openClient('acme');
    await page.getByRole('button', { name: 'Dry run' }).click();
    await page.getByRole('heading', { name: 'Onboarding acme: dry run' }).waitFor();
    expect(await page.locator(`#onboarding tr[data-ticket="${known.number}"]`).textContent()).toContain('linked');
    expect(await page.locator(`#onboarding tr[data-ticket="${fresh.number}"]`).textContent()).toContain('created');
    expect(await page.locator('.confirm').textContent()).toMatch(/link 1 ticket\(s\).*create 1 support request\(s\)/s);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'onboarding');
    expect(atTangoe(fresh.number)).toHaveLength(0);

    await page.getByRole('button', { name: 'Run the onboarding' }).click();
    await page.getByRole('status').filter({ hasText: /Published 2 ticket\(s\) of acme: 1 linked to Tangoe's requests, 1 created, 0 still waiting, 0 parked\./ }).waitFor({ timeout: 90_000 });
    expect(atTangoe(fresh.number)).toHaveLength(1);
    expect(atTangoe(known.number)).toHaveLength(1);
    expect(audit('onboard')).toEqual([expect.objectContaining({ operator: 'Eve Admin', outcome: 'done' })]);
  }, 120_000);

  it('reports the drift of a client, repairs a ticket after a confirmation, and says why another has no repair', async () => {
    const lost = bridge.sandbox.servicenow.get('acme').insert('incident', { short_description: 'Lost on its way', assignment_group: 'Mobility', caller_name: 'Ann Smith', caller_phone: '5551234567', state: '2' }, 'ann.smith');
    const support_request = { text: 'Made by hand', requestor_name: 'Ann Smith', requestor_number: '5551234567', request_type: 'Tech Support', external_source_id: 'INC7777777' };
    await axios.post(`${bridge.sandbox.url}/1/support_requests`, { support_request }, { headers: { 'API-Token': bridge.clients[0].tangoeToken } });

    await openClient('acme');
    await page.getByRole('button', { name: 'Report' }).click();
    const lostRow = page.locator(`#drift tr[data-ticket="${lost.number}"]`);
    await lostRow.waitFor();
    expect(await lostRow.textContent()).toMatch(/not_at_tangoe.*bridge never had it/);
    expect(await page.locator('#drift tr[data-ticket="INC7777777"]').textContent()).toMatch(/only_at_tangoe.*No automatic repair.*none: see the runbook/s);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'drift');

    await lostRow.getByRole('button', { name: 'onboard…' }).click();
    expect(await page.locator('.confirm').textContent()).toContain(`Check ${lost.number} of acme again`);
    await page.getByRole('button', { name: 'Repair' }).click();
    await page.getByRole('status').filter({ hasText: `${lost.number} was not_at_tangoe: onboard made.` }).waitFor();
    const [request] = await waitFor(() => (atTangoe(lost.number).length > 0 ? atTangoe(lost.number) : undefined), { description: 'the repaired ticket at Tangoe' });
    expect(request.interactions[0].text).toContain('Lost on its way');
    expect(audit('drift-repair')).toEqual([expect.objectContaining({ operator: 'Eve Admin', outcome: 'done', target: expect.objectContaining({ clientId: 'acme', ticket: lost.number }) })]);

    // Repaired, it is in step: a second repair is refused, and says so.
    await page.goto(`${bridge.consoleUrl}/actions/drift-repair?client=acme&ticket=${lost.number}`);
    await page.getByRole('button', { name: 'Repair' }).click();
    await page.getByRole('status').filter({ hasText: 'it is in step' }).waitFor();
    expect(audit('drift-repair')[1]).toMatchObject({ outcome: 'refused' });
    expect(atTangoe(lost.number)).toHaveLength(1);
  }, 120_000);

  it('reconciles a client now: a change its webhooks never brought reaches Tangoe, and the clients page counts it', async () => {
    const before = await reconciledAt();
    const quiet = bridge.sandbox.servicenow.get('acme').insert('incident', { short_description: 'No webhook for this one', assignment_group: 'Mobility', caller_name: 'Ann Smith', caller_phone: '5551234567', state: '2' }, 'ann.smith');
    await openClient('acme');
    // By keyboard alone: the button takes the focus and Enter; the confirmation's button has the focus at once.
    await page.getByRole('button', { name: 'Reconcile now…' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Reconcile acme now' }).waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } } }).document.activeElement.textContent)).toBe('Reconcile now');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'The reconciliation of acme is due now' }).waitFor();
    await waitFor(() => (atTangoe(quiet.number).length === 1 ? true : undefined), { description: 'the reconciled ticket at Tangoe', timeoutMs: 30_000 });
    expect(await reconciledAt()).not.toBe(before);
    await page.goto(`${bridge.consoleUrl}/clients`);
    expect(await page.locator('#clients tr[data-client="acme"] td').last().textContent()).toMatch(/ago, [1-9]\d* found/);
    expect(audit('reconcile')).toEqual([expect.objectContaining({ operator: 'Eve Admin', outcome: 'done', target: expect.objectContaining({ clientId: 'acme' }) })]);
  }, 120_000);

  it('shows a client held by a 410, and re-enables its endpoint after a confirmation: the held note is delivered', async () => {
    const instance = bridge.sandbox.servicenow.get('globex');
    const record = instance.insert('incident', { short_description: 'Screen flickers', assignment_group: 'Mobility', caller_name: 'Bo Chen', caller_phone: '5557654321', state: '2' }, 'ann.smith');
    const request = await waitFor(() => bridge.sandbox.tangoe.supportRequestsOf('globex').find((r) => r.external_source_id === record.number), { description: 'the support request' });
    instance.failures = { status: 410, remaining: 1, method: 'PATCH' };
    await axios.post(`${bridge.sandbox.url}/sandbox/tangoe/support_requests/${request.id}/interactions`, { text: 'Swap booked' }, { headers: { 'x-sandbox-admin': 'sandbox-admin' } });

    await page.goto(`${bridge.consoleUrl}/clients`);
    await page.locator('#clients tr[data-client="globex"][data-health="held"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('#clients tr[data-client="globex"]').textContent()).toContain('410 Gone');
    await openClient('globex');
    await page.getByRole('button', { name: 'Re-enable its endpoint…' }).click();
    await page.getByRole('button', { name: 'Re-enable' }).click();
    await page.getByRole('status').filter({ hasText: 'The endpoint of globex is enabled; 1 parked deliveries went back in line.' }).waitFor();
    await waitFor(() => instance.journalOf(record.sys_id).some((entry) => entry.value === 'Swap booked'), { description: 'the held note at the ITSM' });
    expect(audit('enable-endpoint')).toEqual([expect.objectContaining({ operator: 'Eve Admin', outcome: 'done' })]);
  }, 120_000);

  it('refuses an action posted without its session’s CSRF token, sends an onboarding to its dry run, and refuses an unknown action', async () => {
    const cookie = await cookieHeaderOf(page);
    const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
    const post = (fields: Record<string, string>) =>
      axios.post(`${bridge.consoleUrl}/actions/pause`, form(fields), { headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, maxRedirects: 0, validateStatus: () => true });
    expect((await post({ client: 'acme' })).status).toBe(401);
    // Another operator's session has a token of its own, which this session does not take.
    const other = await signedInPage(browser, bridge.consoleUrl, bridge.adminToken, 'Frank Other');
    await other.goto(`${bridge.consoleUrl}/actions/pause?client=acme`);
    const othersToken = (await other.locator('input[name="_csrf"]').first().getAttribute('value'))!;
    await other.close();
    expect((await post({ client: 'acme', _csrf: othersToken })).status).toBe(401);
    expect(audit('pause')).toEqual([]);
    // The same form with this session's own token passes the guard (and pauses: resumed straight after).
    await page.goto(`${bridge.consoleUrl}/actions/pause?client=acme`);
    const ownToken = (await page.locator('input[name="_csrf"]').first().getAttribute('value'))!;
    expect((await post({ client: 'acme', _csrf: ownToken })).status).toBe(200);
    await page.goto(`${bridge.consoleUrl}/actions/resume?client=acme`);
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.getByRole('status').filter({ hasText: 'acme is resumed' }).waitFor();
    expect(audit('pause')).toEqual([expect.objectContaining({ operator: 'Eve Admin', outcome: 'done' })]);

    const onboard = await axios.get(`${bridge.consoleUrl}/actions/onboard?client=acme&since=2026-11-01`, { headers: { cookie }, maxRedirects: 0, validateStatus: () => true });
    expect({ status: onboard.status, location: onboard.headers.location }).toEqual({ status: 303, location: '/clients/acme/onboarding?since=2026-11-01' });
    const unknown = await axios.get(`${bridge.consoleUrl}/actions/drop-tables?client=acme`, { headers: { cookie }, validateStatus: () => true });
    expect(unknown.status).toBe(400);
    expect(unknown.data).toContain('no action &#34;drop-tables&#34;');
  });
});
