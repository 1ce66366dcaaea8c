import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import axios from 'axios';
import type { Browser } from 'playwright-core';
import { waitFor } from '@bridge/test-infra';
import { Bridge, startBridge } from '../../support/bridge-harness';
import { accessibilityViolations, consoleAuditLines, launchChromium, screenshot, signedInPage } from '../../support/console-browser';

const NOTES = ['First: device shipped', 'Second: tracking 1Z999', 'Third: delivered to the desk', 'Fourth: please confirm receipt'];

/**
 * The runbook's story (docs/runbook.md, "A client's ITSM is down"), told in the console as an operator lives it:
 * the client's ITSM goes down, its deliveries wait, the clients page shows it failing; the operator pauses it, and
 * nothing more is sent; the ITSM is mended, the operator resumes it, and every note arrives, once each, in order.
 */
describe("the console's runbook story: a client's ITSM down, paused, resumed", () => {
  let bridge: Bridge;
  let browser: Browser;
  const logs = mkdtempSync(path.join(os.tmpdir(), 'console-log-'));
  const logFile = path.join(logs, 'console.log');
  const servicesLog = path.join(logs, 'services.log');

  beforeAll(async () => {
    bridge = await startBridge({ clients: ['acme', 'globex'], notifier: true, console: true, consoleEnv: { LOG_FILE: logFile, LOG_LEVEL: 'warn' }, env: { POLL_ENABLED: 'false', LOG_FILE: servicesLog } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await bridge?.close();
  });

  it('shows the client failing, pauses it, resumes it after the fix, and everything drains in order', async () => {
    const instance = bridge.sandbox.servicenow.get('acme');
    const record = instance.insert('incident', { short_description: 'New phone for the CFO', assignment_group: 'Mobility', caller_name: 'Ann Smith', caller_phone: '5551234567', state: '2' }, 'ann.smith');
    const request = await waitFor(() => bridge.sandbox.tangoe.supportRequestsOf('acme').find((r) => r.external_source_id === record.number), { description: 'the support request' });
    const page = await signedInPage(browser, bridge.consoleUrl, bridge.adminToken, 'Dana On Call');
    const acmeRow = page.locator('#clients tr[data-client="acme"]');
    expect(await acmeRow.getAttribute('data-health')).toBe('flowing');

    // The ITSM goes down: every update it is sent answers 503, and Tangoe's notes keep coming.
    instance.failures = { status: 503, remaining: 1_000_000, method: 'PATCH' };
    for (const text of NOTES) {
      await axios.post(`${bridge.sandbox.url}/sandbox/tangoe/support_requests/${request.id}/interactions`, { text }, { headers: { 'x-sandbox-admin': 'sandbox-admin' } });
    }
    // The clients page, refreshing itself, shows it failing with its notes waiting; globex flows on.
    await page.locator('#clients tr[data-client="acme"][data-health="failing"]').waitFor({ timeout: 60_000 });
    expect(await acmeRow.textContent()).toMatch(/failed attempts at its ITSM since it last took one/);
    await waitFor(async () => Number(await acmeRow.locator('td.num').nth(1).textContent()) === NOTES.length, { description: 'the four notes waiting toward the ITSM', timeoutMs: 30_000 });
    expect(await page.locator('#clients tr[data-client="globex"]').getAttribute('data-health')).toBe('flowing');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'clients');

    // The operator pauses it from its page, after the confirmation says what that does.
    await acmeRow.getByRole('link', { name: 'acme' }).click();
    await page.getByLabel('Reason').fill('ServiceNow down, INC-4411 with their admins');
    await page.getByRole('button', { name: 'Pause both ways…' }).click();
    expect(await page.locator('.confirm').textContent()).toContain(`Waiting now: 0 toward Tangoe, ${NOTES.length} toward its ITSM.`);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'confirm-pause');
    await page.getByRole('button', { name: 'Pause both ways' }).click();
    await page.getByRole('status').filter({ hasText: 'acme is paused both ways.' }).waitFor();
    await page.getByRole('link', { name: 'Back to acme' }).click();
    expect(await page.locator('h1 .health').textContent()).toBe('paused');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'client');

    // Paused, nothing more is sent: once the worker has looked at the line again (a later delivery of globex went
    // out), the ITSM's count of calls stands still.
    const callsWhenPaused = instance.calls.filter((call) => call.method === 'PATCH').length;
    // Only the ticket's first note was tried, again and again: the others wait behind it, in its line.
    expect(callsWhenPaused).toBeGreaterThanOrEqual(3);
    const globex = bridge.sandbox.servicenow.get('globex');
    const other = globex.insert('incident', { short_description: 'Unrelated', assignment_group: 'Mobility', caller_name: 'Bo Chen', caller_phone: '5557654321', state: '2' }, 'ann.smith');
    const otherRequest = await waitFor(() => bridge.sandbox.tangoe.supportRequestsOf('globex').find((r) => r.external_source_id === other.number), { description: "globex's request" });
    await axios.post(`${bridge.sandbox.url}/sandbox/tangoe/support_requests/${otherRequest.id}/interactions`, { text: 'globex goes on' }, { headers: { 'x-sandbox-admin': 'sandbox-admin' } });
    await waitFor(() => globex.journalOf(other.sys_id).some((entry) => entry.value === 'globex goes on'), { description: "globex's note delivered meanwhile" });
    await bridge.quiescent();
    expect(instance.calls.filter((call) => call.method === 'PATCH').length).toBe(callsWhenPaused);

    // The ITSM is mended; the operator resumes, and the notes arrive, each once, in Tangoe's order.
    instance.failures = undefined;
    await page.getByRole('button', { name: 'Resume…' }).click();
    expect(await page.locator('.confirm').textContent()).toContain(`${NOTES.length} toward its ITSM`);
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.getByRole('status').filter({ hasText: 'acme is resumed' }).waitFor();
    const notes = () => instance.journalOf(record.sys_id).map((entry) => entry.value).filter((value) => NOTES.includes(value));
    await waitFor(() => notes().length === NOTES.length, { description: 'every note at the ITSM', timeoutMs: 90_000 });
    await bridge.quiescent();
    expect(notes()).toEqual(NOTES);

    await page.getByRole('link', { name: 'Clients', exact: true }).click();
    await page.locator('#clients tr[data-client="acme"][data-health="flowing"]').waitFor({ timeout: 30_000 });
    await page.close();
    expect(consoleAuditLines(logFile).filter((line) => line.action !== 'sign-in').map((line) => [line.operator, line.action, line.outcome, line.target.clientId])).toEqual([
      ['Dana On Call', 'pause', 'done', 'acme'],
      ['Dana On Call', 'resume', 'done', 'acme'],
    ]);
    // The services' own audit lines name the operator the console passed on, the pause at each of the two.
    const serviceAudit = readFileSync(servicesLog, 'utf8')
      .split('\n')
      .filter((line) => line.includes('"audit":"admin"'))
      .map((line) => JSON.parse(line) as { service: string; who: { operator?: string }; what: { path: string }; status: number });
    expect(serviceAudit.filter((line) => line.what.path === '/admin/clients/acme/pause').map((line) => [line.service, line.who.operator, line.status])).toEqual([
      ['outbound-notifier', 'console:Dana On Call', 200],
      ['tangoe-gateway', 'console:Dana On Call', 200],
    ]);
  }, 240_000);
});
