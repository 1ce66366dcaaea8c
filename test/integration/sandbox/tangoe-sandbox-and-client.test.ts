import axios from 'axios';
import { TangoeApiError, TangoeClient, GetBudget } from '@bridge/tangoe-client';
import { RunningSandbox, startSandbox } from '../../../apps/sandbox/src/start-sandbox';

const USERS = [
  { name: 'acme-api', company: 'acme', apiToken: 'acme-token-secret', clientId: 'acme-cid', clientSecret: 'acme-client-secret' },
  { name: 'globex-api', company: 'globex', apiToken: 'globex-token-secret', clientId: 'globex-cid', clientSecret: 'globex-client-secret' },
];
const draft = { text: 'I broke my phone', requestorName: 'Name Here', requestorNumber: '1234567890', requestType: 'Portal Assistance', externalSourceId: 'SN123', deviceType: 'Smart Phone', vip: true };
const unlimited: GetBudget = { acquire: async () => new Date() };

describe('the sandbox Tangoe over real HTTP, through the Tangoe client', () => {
  let sandbox: RunningSandbox;
  let clock = Date.parse('2026-11-24T10:00:00Z');
  beforeAll(async () => (sandbox = await startSandbox({ port: 0, tangoe: { apiUsers: USERS, getsPerMinute: 100, now: () => new Date(clock) } })));
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.tangoe.faults.set({}));

  const acme = (overrides: Partial<ConstructorParameters<typeof TangoeClient>[0]> = {}) =>
    new TangoeClient({ baseUrl: sandbox.url, apiUser: 'acme-api', credentials: { kind: 'api-token', apiToken: 'acme-token-secret' }, budget: unlimited, sleep: async () => undefined, ...overrides });
  const raw = (method: 'get' | 'post', path: string, body?: unknown, headers: Record<string, string> = { 'API-Token': 'acme-token-secret' }) =>
    axios.request({ method, url: `${sandbox.url}${path}`, data: body, headers, validateStatus: () => true });

  it("creates a support request in the seed's shape, and adds interactions to its thread", async () => {
    const created = await acme().createSupportRequest({ ...draft, employeeId: '10000' });
    expect(created).toMatchObject({ state: 'open', request_type: 'portal_assistance', external_source_id: 'SN123', on_behalf_of_id: 1831571, device_type: 'Smart Phone' });
    expect(created.interaction_thread.token).toMatch(/^[A-Za-z0-9]{24}$/);
    await acme().addInteraction(created.interaction_thread.token, 'Interaction text.');
    const fetched = await acme().getSupportRequest(created.id);
    expect(fetched.interactions.map((i) => i.text)).toEqual(['I broke my phone', 'Interaction text.']);
    expect(await acme().findByExternalSourceId('SN123')).toMatchObject({ id: created.id });
  });

  it('answers 422 naming each missing or invalid attribute, which the client reports as a non-retriable rejection', async () => {
    const missing = await raw('post', '/1/support_requests', { support_request: { vip: 'maybe', request_type: 'Coffee', device_type: 'Toaster' } });
    expect(missing.status).toBe(422);
    expect(Object.keys(missing.data.errors).sort()).toEqual(['device_type', 'external_source_id', 'request_type', 'requestor_name', 'requestor_number', 'text', 'vip']);
    const error = await acme().createSupportRequest({ ...draft, requestType: 'Coffee' }).catch((e: unknown) => e as TangoeApiError);
    expect(error).toBeInstanceOf(TangoeApiError);
    expect(error).toMatchObject({ retriable: false, status: 422 });
    expect(codeOf(error)).toBe('rejected');
    expect((error as TangoeApiError).message).toContain('is not included in the list');
    expect((await raw('post', '/1/support_requests?employee_id=404', { support_request: { ...snake(draft) } })).data.errors).toEqual({ employee_id: ['does not match a person'] });
    expect((await raw('post', '/1/support_requests', { support_request: { ...snake(draft), vip: 'false' } })).status).toBe(201);
  });

  it('authenticates by API-Token header or api_token query, keeps companies apart, and refuses anything else', async () => {
    expect((await raw('get', '/1/support_requests')).status).toBe(200);
    expect((await raw('get', '/1/support_requests?api_token=acme-token-secret', undefined, {})).status).toBe(200);
    expect((await raw('get', '/1/support_requests', undefined, { 'API-Token': 'wrong' })).status).toBe(401);
    const globex = await raw('get', '/1/support_requests', undefined, { 'API-Token': 'globex-token-secret' });
    expect(globex.data).toEqual([]);
    const error = await acme({ credentials: { kind: 'api-token', apiToken: 'acme-token-wrong-secret' } }).getSupportRequest(1).catch((e: unknown) => e as TangoeApiError);
    expect(error).toMatchObject({ retriable: false });
    expect(codeOf(error)).toBe('unauthorized');
    expect(`${(error as Error).message} ${JSON.stringify(error)}`).not.toContain('acme-token-wrong-secret');
  });

  it('issues v2 tokens for 30 minutes; the client renews them before they expire, one renewal for concurrent calls', async () => {
    const oauth = acme({ credentials: { kind: 'oauth', clientId: 'acme-cid', clientSecret: 'acme-client-secret', subject: 'bridge' }, now: () => clock });
    const before = sandbox.tangoe.requests.filter((r) => r.path === '/v2/token').length;
    await Promise.all([oauth.listSupportRequests({}), oauth.listSupportRequests({}), oauth.listSupportRequests({})]);
    expect(sandbox.tangoe.requests.filter((r) => r.path === '/v2/token').length - before).toBe(1);
    clock += 29.5 * 60_000; // inside the last minute of the token: renewed before use
    await oauth.listSupportRequests({});
    expect(sandbox.tangoe.requests.filter((r) => r.path === '/v2/token').length - before).toBe(2);
    const expired = await raw('get', '/1/support_requests', undefined, { authorization: 'Bearer not.a.jwt' });
    expect(expired.status).toBe(401);
    const badSecret = await acme({ credentials: { kind: 'oauth', clientId: 'acme-cid', clientSecret: 'nope-secret', subject: 'x' } }).listSupportRequests({}).catch((e: unknown) => e as Error);
    expect(String((badSecret as Error).message)).not.toContain('nope-secret');
  });

  it('retries GETs through 5xx, and does not retry a create whose connection dropped after it was stored', async () => {
    sandbox.tangoe.faults.set({ errorRate: 1, next: 2 });
    expect(await acme().listSupportRequests({})).toMatchObject({ page: 1 });

    sandbox.tangoe.faults.set({ commitThenDropRate: 1, pathPrefix: '/1/support_requests', next: 1 });
    const before = sandbox.tangoe.store.list('acme').length;
    const error = await acme().createSupportRequest({ ...draft, externalSourceId: 'DROP1' }).catch((e: unknown) => e as TangoeApiError);
    expect(error).toMatchObject({ retriable: true });
    expect(codeOf(error)).toBe('unavailable');
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ outcomeUnknown: true });
    expect(sandbox.tangoe.store.list('acme').length).toBe(before + 1);
    expect(await acme().findByExternalSourceId('DROP1')).toBeDefined();
  });

  it('limits GETs to 100 per minute per API user with 429 and Retry-After, which the client honours', async () => {
    const user = { name: 'rate-api', company: 'rate', apiToken: 'rate-token', clientId: 'r', clientSecret: 's' };
    sandbox.tangoe.apiUsers.push(user);
    const statuses: number[] = [];
    for (let i = 0; i < 101; i++) statuses.push((await raw('get', '/1/support_requests', undefined, { 'API-Token': 'rate-token' })).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(100);
    const refused = await raw('get', '/1/support_requests', undefined, { 'API-Token': 'rate-token' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(sandbox.tangoe.maxGetsInAnyWindow('rate-api')).toBe(100);

    const waits: number[] = [];
    const client = new TangoeClient({ baseUrl: sandbox.url, apiUser: 'rate-api', credentials: { kind: 'api-token', apiToken: 'rate-token' }, budget: unlimited, rateLimitRetries: 1, sleep: async (ms) => void waits.push(ms) });
    const error = await client.listSupportRequests({}).catch((e: unknown) => e as TangoeApiError);
    expect(waits[0]).toBeGreaterThan(1_000);
    expect(error).toMatchObject({ retriable: true });
    expect(codeOf(error)).toBe('rate_limited');
  });

  it('lets the Account Specialist change state, add notes and reassign, behind the admin token', async () => {
    const created = await acme().createSupportRequest({ ...draft, externalSourceId: 'SPEC1' });
    const admin = { 'x-sandbox-admin': 'sandbox-admin' };
    expect((await axios.post(`${sandbox.url}/sandbox/tangoe/support_requests/${created.id}/state`, { state: 'closed' }, { validateStatus: () => true })).status).toBe(401);
    await axios.post(`${sandbox.url}/sandbox/tangoe/support_requests/${created.id}/interactions`, { text: 'Replaced the device.' }, { headers: admin });
    await axios.post(`${sandbox.url}/sandbox/tangoe/support_requests/${created.id}/state`, { state: 'awaiting_customer_response' }, { headers: admin });
    await axios.post(`${sandbox.url}/sandbox/tangoe/support_requests/${created.id}/reassign`, { assignment_group: 'Service Desk' }, { headers: admin });
    const fetched = await acme().getSupportRequest(created.id);
    expect(fetched).toMatchObject({ state: 'reassigned', assignment_group: 'Service Desk' });
    expect(fetched.interactions.at(-1)?.text).toBe('Replaced the device.');
    const page = await axios.get(`${sandbox.url}/sandbox/tangoe`);
    expect(page.data).toContain('SPEC1');
  });
});

/** The error's kind, whether the client names it `rejected` or `tangoe_rejected`. */
function codeOf(error: unknown): string {
  return String((error as { code?: unknown }).code).replace(/^tangoe_/, '');
}

function snake(d: typeof draft) {
  return { text: d.text, requestor_name: d.requestorName, requestor_number: d.requestorNumber, request_type: d.requestType, external_source_id: d.externalSourceId };
}
