import axios from 'axios';
import http from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ADMIN_OPERATOR_HEADER } from '@bridge/contracts';
import { waitFor } from '@bridge/test-infra';
import { Bridge, startBridge } from '../../support/bridge-harness';
import { freePort } from '../../support/free-port';
import { incidentInserted } from '../../support/servicenow-payloads';

interface AuditLine {
  service: string;
  audit?: string;
  who: { operator?: string; address: string };
  what: { method: string; path: string };
  status: number;
}

/**
 * The admin API attacked as an outsider would: a token guessed at speed is cut off, and every change made through
 * it, admitted or not, is in the audit log with who, what, when and the answer.
 */
describe('security: the admin API', () => {
  let bridge: Bridge;
  const logFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'bridge-audit-')), 'services.log');
  const auditLines = (): AuditLine[] =>
    readFileSync(logFile, 'utf8')
      .split('\n')
      .filter((line) => line.includes('"audit":"admin"'))
      .map((line) => JSON.parse(line) as AuditLine);

  beforeAll(async () => {
    // The services log errors only; the audit lines are written whatever LOG_LEVEL says.
    bridge = await startBridge({ clients: ['acme'], env: { LOG_FILE: logFile, RECONCILE_ENABLED: 'false', POLL_ENABLED: 'false' } });
  });
  afterAll(() => bridge?.close());

  it('writes every change to the audit log, admitted or refused, with the operator, the address and the answer', async () => {
    const asAnn = { headers: { authorization: `Bearer ${bridge.adminToken}`, [ADMIN_OPERATOR_HEADER]: 'ann@ops-laptop' }, validateStatus: () => true };
    expect((await axios.post(`${bridge.gatewayUrl}/admin/clients/acme/pause`, { reason: 'audit test' }, asAnn)).status).toBe(200);
    expect((await axios.post(`${bridge.gatewayUrl}/admin/clients/acme/resume`, {}, asAnn)).status).toBe(200);
    const stranger = { headers: { authorization: 'Bearer not-the-token', [ADMIN_OPERATOR_HEADER]: 'mallory' }, validateStatus: () => true };
    expect((await axios.post(`${bridge.gatewayUrl}/admin/clients/acme/pause`, {}, stranger)).status).toBe(401);
    // A read changes nothing and is not audited.
    expect((await axios.get(`${bridge.gatewayUrl}/admin/clients/paused`, asAnn)).status).toBe(200);

    const lines = await waitFor(() => (auditLines().length >= 3 ? auditLines() : undefined), { description: 'three audit lines' });
    expect(lines.map(({ service, who, what, status }) => ({ service, who, what, status }))).toEqual([
      { service: 'tangoe-gateway', who: { operator: 'ann@ops-laptop', address: expect.stringContaining('127.0.0.1') }, what: { method: 'POST', path: '/admin/clients/acme/pause' }, status: 200 },
      { service: 'tangoe-gateway', who: { operator: 'ann@ops-laptop', address: expect.stringContaining('127.0.0.1') }, what: { method: 'POST', path: '/admin/clients/acme/resume' }, status: 200 },
      { service: 'tangoe-gateway', who: { operator: 'mallory', address: expect.stringContaining('127.0.0.1') }, what: { method: 'POST', path: '/admin/clients/acme/pause' }, status: 401 },
    ]);
    expect(readFileSync(logFile, 'utf8')).not.toContain(bridge.adminToken);
  });

  it('answers an address that presented ten wrong tokens in a minute 429 with Retry-After, the right token included, at that service only', async () => {
    const wrong = { headers: { authorization: 'Bearer guess-0000000000000000000000000000' }, validateStatus: () => true };
    const right = { headers: { authorization: `Bearer ${bridge.adminToken}` }, validateStatus: () => true };
    const guesses = [];
    for (let n = 0; n < 10; n += 1) guesses.push((await axios.get(`${bridge.ingressUrl}/admin/reconciliation`, wrong)).status);
    expect(guesses).toEqual(Array(10).fill(401));

    const cutOff = await axios.get(`${bridge.ingressUrl}/admin/reconciliation`, wrong);
    expect(cutOff.status).toBe(429);
    expect(cutOff.data).toMatchObject({ error: 'too_many_failed_attempts' });
    expect(Number(cutOff.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(cutOff.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect((await axios.get(`${bridge.ingressUrl}/admin/reconciliation`, right)).status).toBe(429);
    // The gateway counts its own: the guesses at the ingress spent nothing there.
    expect((await axios.get(`${bridge.gatewayUrl}/admin/clients/paused`, right)).status).toBe(200);
  });
});

/**
 * With ADMIN_PORT set, the port the public Service exposes serves the webhooks and the probes only: the admin API
 * and the metrics answer 404 there as if they did not exist, and are served on the admin port.
 */
describe('security: the admin API on a port of its own', () => {
  let bridge: Bridge;
  let adminUrl: string;
  beforeAll(async () => {
    const adminPort = await freePort();
    adminUrl = `http://127.0.0.1:${adminPort}`;
    // The ingress alone: ADMIN_PORT is one number, and the harness runs its services in one process.
    bridge = await startBridge({ clients: ['acme'], gateway: false, env: { ADMIN_PORT: String(adminPort), RECONCILE_ENABLED: 'false' } });
  });
  afterAll(() => bridge?.close());

  it('serves the webhooks and the probes on the public port, and the admin API and metrics on the admin port only', async () => {
    const token = { headers: { authorization: `Bearer ${bridge.adminToken}` }, validateStatus: () => true };
    const onPublic = await axios.get(`${bridge.ingressUrl}/admin/reconciliation`, token);
    expect(onPublic.status).toBe(404);
    expect(onPublic.data).toMatchObject({ error: 'not_found' });
    expect((await axios.get(`${bridge.ingressUrl}/metrics`, { validateStatus: () => true })).status).toBe(404);
    expect((await axios.get(`${bridge.ingressUrl}/health/live`, { validateStatus: () => true })).status).toBe(200);
    expect((await bridge.postServiceNow('acme', incidentInserted('INC3000901'))).status).toBe(202);

    // Paths dressed up to look public reach nothing of the admin API there: sent as written, not normalised by a client.
    for (const disguised of ['//admin/reconciliation', '/v1/../admin/reconciliation', '/health/../admin/reconciliation', '/%61dmin/reconciliation', '/v1/%2e%2e/admin/reconciliation', '/ADMIN/reconciliation']) {
      expect({ disguised, status: await rawGet(bridge.ingressUrl, disguised, bridge.adminToken) }).toEqual({ disguised, status: 404 });
    }

    expect((await axios.get(`${adminUrl}/admin/reconciliation`, token)).status).toBe(200);
    expect((await axios.get(`${adminUrl}/metrics`, { validateStatus: () => true })).data).toContain('bridge_');
  });
});

/** A GET whose path goes on the wire exactly as given (axios and fetch would resolve `..` and `//` first). */
function rawGet(baseUrl: string, rawPath: string, token: string): Promise<number> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: hostname, port, path: rawPath, method: 'GET', headers: { authorization: `Bearer ${token}` } }, (answer) => {
      answer.resume();
      resolve(answer.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end();
  });
}
