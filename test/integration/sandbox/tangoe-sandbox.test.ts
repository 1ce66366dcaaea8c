import axios, { AxiosRequestConfig } from 'axios';
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { TANGOE_DEVICE_TYPES, TANGOE_REQUEST_TYPES, requestTypeCode } from '@bridge/contracts';
import { waitFor } from '@bridge/test-infra';
import { RunningSandbox, startSandbox } from '../../../apps/sandbox/src/start-sandbox';
import type { ApiUser } from '../../../apps/sandbox/src/tangoe/store/api-user';

/**
 * The sandbox Tangoe over real HTTP: what the seeds and Tangoe's API portal say, the sandbox's own assumptions
 * (apps/sandbox/README.md), and the controls tests use. The sandbox's clock is the test's: tokens expire and the
 * rate window slides without waiting.
 */
const USERS: ApiUser[] = [
  { name: 'acme-api', company: 'acme', apiToken: 'acme-token', clientId: 'acme-cid', clientSecret: 'acme-csecret', thirdPartySource: 'ServiceNow' },
  { name: 'acme-ops', company: 'acme', apiToken: 'acme-ops-token' },
  { name: 'globex-api', company: 'globex', apiToken: 'globex-token' },
];
const ADMIN = { 'x-sandbox-admin': 'sandbox-admin' };
const SEED_EXAMPLE_KEYS = [
  'id', 'requestor_name', 'requestor_number', 'number_request_is_about', 'on_behalf_of_id', 'line_id', 'assigned_to_id', 'device_type', 'state', 'created_at',
  'updated_at', 'third_party_source', 'requestor_id', 'external_source_id', 'request_type', 'interaction_thread', 'interactions', 'on_behalf_of', 'assigned_to',
  'attachments',
];
const ISO_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('the sandbox Tangoe over real HTTP', () => {
  let sandbox: RunningSandbox;
  let clock = Date.parse('2026-11-24T10:00:00.000Z');
  let ticket = 0;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, apiUsers: USERS, seed: 42, tangoe: { now: () => new Date(clock) } });
  });
  afterAll(() => sandbox.close());
  // Each test starts in a fresh rate window and without faults.
  beforeEach(() => {
    clock += 120_000;
    sandbox.tangoe.faults.set({});
    sandbox.tangoe.dropPushes = false;
  });

  const call = (method: string, path: string, options: { data?: unknown; token?: string | null; headers?: Record<string, string>; params?: object } = {}) => {
    const headers: Record<string, string> = { ...(options.token === null ? {} : { 'API-Token': options.token ?? 'acme-token' }), ...options.headers };
    const config: AxiosRequestConfig = { method, url: `${sandbox.url}${path}`, data: options.data, params: options.params, headers, validateStatus: () => true };
    return axios.request(config);
  };
  const admin = (method: string, path: string, data?: unknown) => call(method, `/sandbox/tangoe${path}`, { data, token: null, headers: ADMIN });
  const nextId = () => `SN${String(++ticket).padStart(5, '0')}`;
  const attributes = (overrides: Record<string, unknown> = {}) => ({
    text: "Can't open email on new device.",
    requestor_name: 'Insa Dent',
    requestor_number: '(555) 259-6624',
    request_type: 'Application Support (on Device)',
    external_source_id: nextId(),
    device_type: 'Smart Phone',
    vip: 'true',
    ...overrides,
  });
  const create = async (overrides: Record<string, unknown> = {}, options: { token?: string; employeeId?: string } = {}) => {
    const response = await call('POST', '/1/support_requests', { data: { support_request: attributes(overrides) }, token: options.token, params: options.employeeId ? { employee_id: options.employeeId } : undefined });
    expect(response.status).toBe(201);
    return response.data as { id: number; external_source_id: string; created_at: string; updated_at: string; interaction_thread: { token: string } } & Record<string, any>;
  };
  const stored = (externalSourceId: string) => sandbox.tangoe.store.all().filter((r) => r.external_source_id === externalSourceId);

  describe('POST /1/support_requests', () => {
    it("stores a request and answers 201 in the seed's response shape", async () => {
      const externalSourceId = nextId();
      const response = await call('POST', '/1/support_requests', { data: { support_request: attributes({ external_source_id: externalSourceId }) }, params: { employee_id: '10000' } });
      expect(response.status).toBe(201);
      const body = response.data;
      expect(Object.keys(body)).toEqual(expect.arrayContaining(SEED_EXAMPLE_KEYS));
      expect(body).toMatchObject({
        requestor_name: 'Insa Dent',
        requestor_number: '(555) 259-6624',
        number_request_is_about: '(555) 259-6624',
        on_behalf_of_id: 1831571,
        line_id: null,
        requestor_id: null,
        device_type: 'Smart Phone',
        state: 'open',
        third_party_source: 'ServiceNow',
        external_source_id: externalSourceId,
        request_type: 'application_support_on_device',
        vip: true,
        attachments: [],
        on_behalf_of: { id: 1831571, name_first: 'Pinkerton', name_last: 'Quackers', employee_id: '10000', group_name: 'Demo Group A' },
        assigned_to: { id: body.assigned_to_id, group_name: 'Pi-oneers' },
      });
      expect(body.interaction_thread.token).toMatch(/^[A-Za-z0-9]{24}$/);
      expect(body.created_at).toMatch(ISO_MS);
      expect(body.updated_at).toMatch(ISO_MS);
      expect(body.interactions).toEqual([{ id: expect.any(Number), text: "Can't open email on new device.", created_at: body.created_at, person: expect.objectContaining({ id: 1831571, employee_id: '10000' }) }]);
      expect(stored(externalSourceId)).toHaveLength(1);
    });

    it.each(['text', 'requestor_name', 'requestor_number', 'request_type', 'external_source_id'])('answers 422 naming %s when it is missing, and stores nothing', async (field) => {
      const before = sandbox.tangoe.store.all().length;
      const response = await call('POST', '/1/support_requests', { data: { support_request: attributes({ [field]: undefined }) } });
      expect(response.status).toBe(422);
      expect(response.data).toEqual({ errors: { [field]: ["can't be blank"] } });
      expect(sandbox.tangoe.store.all().length).toBe(before);
    });

    it('names every missing attribute at once, and a missing envelope', async () => {
      const empty = await call('POST', '/1/support_requests', { data: { support_request: {} } });
      expect(Object.keys(empty.data.errors).sort()).toEqual(['external_source_id', 'request_type', 'requestor_name', 'requestor_number', 'text']);
      expect((await call('POST', '/1/support_requests', { data: { text: 'not wrapped' } })).data).toEqual({ errors: { support_request: ['is required'] } });
    });

    it('takes the labels of the Request Type List, stored as their codes, and refuses anything else', async () => {
      for (const label of TANGOE_REQUEST_TYPES) expect((await create({ request_type: label })).request_type).toBe(requestTypeCode(label));
      for (const bad of ['Coffee', 'portal_assistance']) {
        const response = await call('POST', '/1/support_requests', { data: { support_request: attributes({ request_type: bad }) } });
        expect(response.status).toBe(422);
        expect(response.data).toEqual({ errors: { request_type: ['is not included in the list'] } });
      }
    });

    it('takes the Device Type List and "Smart Phone", or no device type, and refuses others', async () => {
      for (const device of TANGOE_DEVICE_TYPES) expect((await create({ device_type: device })).device_type).toBe(device);
      expect((await create({ device_type: undefined })).device_type).toBeNull();
      const response = await call('POST', '/1/support_requests', { data: { support_request: attributes({ device_type: 'Toaster' }) } });
      expect(response.status).toBe(422);
      expect(response.data).toEqual({ errors: { device_type: ['is not included in the list'] } });
    });

    it.each([
      ['true', true],
      ['false', false],
      [true, true],
      [false, false],
      [undefined, false],
    ])('reads vip %p as %p', async (vip, expected) => {
      expect((await create({ vip })).vip).toBe(expected);
    });

    it('refuses a vip that is neither boolean nor "true"/"false"', async () => {
      const response = await call('POST', '/1/support_requests', { data: { support_request: attributes({ vip: 'yes' }) } });
      expect(response.status).toBe(422);
      expect(response.data.errors).toEqual({ vip: ['is not included in the list'] });
    });

    it('associates a known employee, refuses an unknown one with 422, and takes none', async () => {
      const externalSourceId = nextId();
      const unknown = await call('POST', '/1/support_requests', { data: { support_request: attributes({ external_source_id: externalSourceId }) }, params: { employee_id: '99999' } });
      expect(unknown.status).toBe(422);
      expect(unknown.data).toEqual({ errors: { employee_id: ['does not match a person'] } });
      expect(stored(externalSourceId)).toHaveLength(0);
      expect(await create({}, { employeeId: '10002' })).toMatchObject({ on_behalf_of_id: 1831573, on_behalf_of: { name_first: 'Bo', employee_id: '10002' } });
      expect(await create()).toMatchObject({ on_behalf_of_id: null, on_behalf_of: null });
    });
  });

  describe('POST /1/interactions', () => {
    it('adds to the thread, answers 201 with the interaction, and bumps the request’s updated_at', async () => {
      const request = await create();
      clock += 1_000;
      const response = await call('POST', '/1/interactions', { data: { interaction: { interaction_thread_token: request.interaction_thread.token, text: 'Interaction text.' } } });
      expect(response.status).toBe(201);
      expect(response.data).toEqual({ id: expect.any(Number), text: 'Interaction text.', created_at: expect.stringMatching(ISO_MS), person: expect.objectContaining({ id: expect.any(Number) }) });
      await call('POST', '/1/interactions', { data: { interaction: { interaction_thread_token: request.interaction_thread.token, text: 'Second.' } } });
      const fetched = (await call('GET', `/1/support_requests/${request.id}`)).data;
      expect(fetched.interactions.map((i: { text: string }) => i.text)).toEqual(["Can't open email on new device.", 'Interaction text.', 'Second.']);
      expect(Date.parse(fetched.updated_at)).toBeGreaterThan(Date.parse(request.updated_at));
      expect(fetched.updated_at).toBe(fetched.interactions.at(-1).created_at);
    });

    it('answers 404 for a token it does not know, or another company’s, and 422 for blank text', async () => {
      const unknown = await call('POST', '/1/interactions', { data: { interaction: { interaction_thread_token: 'm339xS26p8ZML2U4RQCJo83H', text: 'x' } } });
      expect(unknown.status).toBe(404);
      expect(unknown.data).toMatchObject({ error: 'Not Found', errors: { interaction_thread_token: ['does not match a support request'] } });
      const request = await create();
      const foreign = await call('POST', '/1/interactions', { data: { interaction: { interaction_thread_token: request.interaction_thread.token, text: 'x' } }, token: 'globex-token' });
      expect(foreign.status).toBe(404);
      const blank = await call('POST', '/1/interactions', { data: { interaction: { interaction_thread_token: request.interaction_thread.token, text: ' ' } } });
      expect(blank.status).toBe(422);
      expect(blank.data).toEqual({ errors: { text: ["can't be blank"] } });
      expect((await call('GET', `/1/support_requests/${request.id}`)).data.interactions).toHaveLength(1);
    });
  });

  describe('GET /1/support_requests', () => {
    const user: ApiUser = { name: 'lister-api', company: 'lister', apiToken: 'lister-token' };
    const created: Array<{ id: number; external_source_id: string; created_at: string; updated_at: string }> = [];
    const list = (params: Record<string, unknown> = {}, token = 'lister-token') => call('GET', '/1/support_requests', { params, token });

    beforeAll(async () => {
      sandbox.tangoe.apiUsers.push(user);
      for (let i = 0; i < 5; i++) {
        clock += 1_000;
        created.push(await create({}, { token: 'lister-token' }));
      }
    });

    it('pages 1-based, 100 by default, with the totals in headers', async () => {
      const first = await list({ per_page: 2 });
      expect(first.status).toBe(200);
      expect(first.data.map((r: { id: number }) => r.id)).toEqual(created.slice(0, 2).map((r) => r.id));
      expect(first.headers).toMatchObject({ 'x-total-count': '5', 'x-total-pages': '3', 'x-page': '1', 'x-per-page': '2' });
      expect((await list({ per_page: 2, page: 3 })).data.map((r: { id: number }) => r.id)).toEqual([created[4].id]);
      expect((await list({ per_page: 2, page: 4 })).data).toEqual([]);
      const all = await list();
      expect(all.headers['x-per-page']).toBe('100');
      expect(all.data).toHaveLength(5);
      expect(all.data[0].interactions).toHaveLength(1);
    });

    it('allows per_page up to 999 and refuses more with 422', async () => {
      expect((await list({ per_page: 999 })).status).toBe(200);
      const tooMany = await list({ per_page: 1000 });
      expect(tooMany.status).toBe(422);
      expect(tooMany.data).toEqual({ errors: { per_page: ['must be between 1 and 999'] } });
      expect((await list({ page: 0 })).status).toBe(422);
    });

    it('filters ransack-style on updated_at, created_at, external_source_id and state, and orders', async () => {
      const ids = async (params: Record<string, unknown>) => (await list(params)).data.map((r: { id: number }) => r.id);
      expect(await ids({ updated_at_gt: created[2].updated_at })).toEqual([created[3].id, created[4].id]);
      expect(await ids({ updated_at_gte: created[2].updated_at })).toEqual([created[2].id, created[3].id, created[4].id]);
      expect(await ids({ created_at_gt: created[3].created_at })).toEqual([created[4].id]);
      expect(await ids({ external_source_id_eq: created[1].external_source_id })).toEqual([created[1].id]);
      expect(await ids({ order: 'updated_at desc', per_page: 2 })).toEqual([created[4].id, created[3].id]);

      await admin('POST', `/support_requests/${created[0].id}/state`, { state: 'closed' });
      expect(await ids({ state_eq: 'closed' })).toEqual([created[0].id]);
      expect(await ids({ updated_at_gt: created[4].updated_at, order: 'updated_at asc' })).toEqual([created[0].id]);
      const bad = await list({ updated_at_gt: 'yesterday' });
      expect(bad.status).toBe(422);
      expect(bad.data.errors).toEqual({ updated_at_gt: ['is not a valid time'] });
    });

    it("shows each company only its own requests, whichever of its API users asks", async () => {
      const globex = await list({}, 'globex-token');
      expect(globex.data.map((r: { id: number }) => r.id)).not.toEqual(expect.arrayContaining([created[0].id]));
      expect(globex.data.every((r: { id: number }) => sandbox.tangoe.store.get(r.id)?.company === 'globex')).toBe(true);
      expect((await call('GET', `/1/support_requests/${created[0].id}`, { token: 'globex-token' })).status).toBe(404);
      const mine = await create();
      const colleague = await call('GET', '/1/support_requests', { token: 'acme-ops-token', params: { external_source_id_eq: mine.external_source_id } });
      expect(colleague.data.map((r: { id: number }) => r.id)).toEqual([mine.id]);
    });
  });

  describe('GET /1/support_requests/{id}', () => {
    it('answers the full request with its interactions in order, or 404', async () => {
      const request = await create();
      await admin('POST', `/support_requests/${request.id}/interactions`, { text: 'From the specialist.' });
      await call('POST', '/1/interactions', { data: { interaction: { interaction_thread_token: request.interaction_thread.token, text: 'From the client.' } } });
      const response = await call('GET', `/1/support_requests/${request.id}`);
      expect(response.status).toBe(200);
      expect(Object.keys(response.data)).toEqual(expect.arrayContaining(SEED_EXAMPLE_KEYS));
      expect(response.data.interactions.map((i: { text: string }) => i.text)).toEqual(["Can't open email on new device.", 'From the specialist.', 'From the client.']);
      const ids = response.data.interactions.map((i: { id: number }) => i.id);
      expect([...ids].sort((a, b) => a - b)).toEqual(ids);
      expect((await call('GET', '/1/support_requests/999999999')).status).toBe(404);
      expect((await call('GET', '/1/support_requests/abc')).status).toBe(404);
    });
  });

  describe('authentication', () => {
    it('takes the API-Token header or the api_token parameter, and answers 401 JSON otherwise', async () => {
      expect((await call('GET', '/1/support_requests')).status).toBe(200);
      expect((await call('GET', '/1/support_requests', { token: null, params: { api_token: 'acme-token' } })).status).toBe(200);
      for (const attempt of [{ token: 'wrong' }, { token: null }, { token: null, params: { api_token: 'wrong' } }, { token: null, headers: { authorization: 'Basic eDp5' } }]) {
        const response = await call('GET', '/1/support_requests', attempt);
        expect(response.status).toBe(401);
        expect(response.headers['content-type']).toContain('application/json');
        expect(response.data).toMatchObject({ error: 'Unauthorized', message: expect.any(String) });
      }
      const logged = sandbox.tangoe.requests.filter((r) => r.query.api_token !== undefined);
      expect(logged.length).toBeGreaterThan(0);
      expect(logged.every((r) => r.query.api_token === '[redacted]')).toBe(true);
    });

    it('issues v2 bearer JWTs for 30 minutes that work as the API user until they expire', async () => {
      const credentials = { client_id: 'acme-cid', client_secret: 'acme-csecret', subject: 'bridge', grant_type: 'client_credentials' };
      const issued = await call('POST', '/v2/token', { token: null, data: credentials });
      expect(issued.status).toBe(200);
      expect(issued.data).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 1800, expires_at: Math.floor(clock / 1000) + 1800 });
      const [header, payload] = issued.data.access_token.split('.');
      expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
      expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toMatchObject({ sub: 'acme-api', exp: issued.data.expires_at });

      const bearer = { authorization: `Bearer ${issued.data.access_token}` };
      const made = await call('POST', '/1/support_requests', { token: null, headers: bearer, data: { support_request: attributes() } });
      expect(made.status).toBe(201);
      expect(sandbox.tangoe.store.get(made.data.id)?.company).toBe('acme');
      expect(sandbox.tangoe.requests.at(-1)).toMatchObject({ method: 'POST', path: '/1/support_requests', apiUser: 'acme-api', status: 201 });

      clock += 1799 * 1000;
      expect((await call('GET', '/1/support_requests', { token: null, headers: bearer, params: { per_page: 1 } })).status).toBe(200);
      clock += 1000;
      const expired = await call('GET', '/1/support_requests', { token: null, headers: bearer });
      expect(expired.status).toBe(401);
      expect(expired.data.message).toBe('bearer token expired');
      const [, , signature] = issued.data.access_token.split('.');
      const forged = `${header}.${Buffer.from(JSON.stringify({ sub: 'globex-api', exp: 9_999_999_999 })).toString('base64url')}.${signature}`;
      expect((await call('GET', '/1/support_requests', { token: null, headers: { authorization: `Bearer ${forged}` } })).status).toBe(401);
    });

    it('refuses wrong client credentials (401), another grant type or missing fields (400)', async () => {
      const base = { client_id: 'acme-cid', client_secret: 'acme-csecret', subject: 'bridge', grant_type: 'client_credentials' };
      expect(await call('POST', '/v2/token', { token: null, data: { ...base, client_secret: 'nope' } })).toMatchObject({ status: 401, data: { error: 'invalid_client' } });
      expect(await call('POST', '/v2/token', { token: null, data: { ...base, grant_type: 'password' } })).toMatchObject({ status: 400, data: { error: 'unsupported_grant_type' } });
      expect(await call('POST', '/v2/token', { token: null, data: { ...base, subject: undefined } })).toMatchObject({ status: 400, data: { error: 'invalid_request' } });
      expect((await call('POST', '/v2/token', { token: null, data: { ...base, client_id: 'globex-cid' } })).status).toBe(401);
    });
  });

  describe('rate limit: 100 GETs per 60 s sliding window per API user', () => {
    const limited = (name: string): ApiUser => {
      const user = { name, company: 'acme', apiToken: `${name}-token` };
      sandbox.tangoe.apiUsers.push(user);
      return user;
    };
    const gets = async (user: ApiUser, n: number) => {
      const statuses: number[] = [];
      for (let i = 0; i < n; i++) statuses.push((await call('GET', '/1/support_requests', { token: user.apiToken, params: { per_page: 1 } })).status);
      return statuses;
    };

    it('refuses the 101st GET in the window with 429, Retry-After and a JSON error; refusals do not count; other users and writes go on', async () => {
      const user = limited('rl-api');
      expect(await gets(user, 100)).toEqual(Array(100).fill(200));
      const refused = await call('GET', '/1/support_requests', { token: user.apiToken });
      expect(refused.status).toBe(429);
      expect(refused.headers['retry-after']).toBe('60');
      expect(refused.data).toMatchObject({ error: 'Too Many Requests' });
      expect(await gets(user, 5)).toEqual(Array(5).fill(429));
      expect((await call('POST', '/1/support_requests', { token: user.apiToken, data: { support_request: attributes() } })).status).toBe(201);
      expect((await call('GET', '/1/support_requests', { params: { per_page: 1 } })).status).toBe(200);

      clock += 30_000;
      expect((await call('GET', '/1/support_requests', { token: user.apiToken })).headers['retry-after']).toBe('30');
      clock += 30_000;
      expect(await gets(user, 100)).toEqual(Array(100).fill(200));
      expect(sandbox.tangoe.maxGetsInAnyWindow('rl-api', 60_000)).toBe(100);
      expect(sandbox.tangoe.requestsOf('rl-api').filter((r) => r.status === 429)).toHaveLength(7);
      const control = await admin('GET', '/rate-limit/rl-api');
      expect(control.data).toMatchObject({ limit: 100, windowMs: 60_000, granted: 200, maxInAnyWindow: 100 });
    });

    it('slides: GETs leave the window one by one, 60 s after each was accepted', async () => {
      const user = limited('slide-api');
      expect(await gets(user, 50)).toEqual(Array(50).fill(200));
      clock += 30_000;
      expect(await gets(user, 50)).toEqual(Array(50).fill(200));
      expect(await gets(user, 1)).toEqual([429]);
      clock += 30_000;
      expect(await gets(user, 50)).toEqual(Array(50).fill(200));
      const refused = await call('GET', '/1/support_requests', { token: user.apiToken });
      expect(refused.status).toBe(429);
      expect(refused.headers['retry-after']).toBe('30');
      expect(sandbox.tangoe.maxGetsInAnyWindow('slide-api', 60_000)).toBe(100);
    });
  });

  describe('the Account Specialist API', () => {
    it('answers only to the admin token', async () => {
      const request = await create();
      expect((await call('POST', `/sandbox/tangoe/support_requests/${request.id}/state`, { token: null, data: { state: 'closed' } })).status).toBe(401);
      expect((await call('POST', `/sandbox/tangoe/support_requests/${request.id}/state`, { token: null, headers: { 'x-sandbox-admin': 'guess' }, data: { state: 'closed' } })).status).toBe(401);
      expect((await call('PUT', '/sandbox/tangoe/faults', { token: null, data: { errorRate: 1 } })).status).toBe(401);
      expect(sandbox.tangoe.store.get(request.id)?.state).toBe('open');
    });

    it.each(['externally_queued', 'awaiting_customer_response', 'closed', 'canceled'])('moves a request to %s, bumping updated_at so a poll finds it', async (state) => {
      const request = await create();
      clock += 1_000;
      const response = await admin('POST', `/support_requests/${request.id}/state`, { state });
      expect(response.status).toBe(200);
      expect(response.data).toMatchObject({ id: request.id, state });
      const polled = await call('GET', '/1/support_requests', { params: { updated_at_gt: request.updated_at, external_source_id_eq: request.external_source_id } });
      expect(polled.data).toEqual([expect.objectContaining({ id: request.id, state })]);
    });

    it('refuses an unknown state (422) or request (404)', async () => {
      const request = await create();
      expect(await admin('POST', `/support_requests/${request.id}/state`, { state: 'resolved' })).toMatchObject({ status: 422, data: { errors: { state: [expect.any(String)] } } });
      expect((await admin('POST', '/support_requests/999999999/state', { state: 'closed' })).status).toBe(404);
      expect((await admin('POST', `/support_requests/${request.id}/reassign`, {})).status).toBe(422);
      expect((await admin('POST', `/support_requests/${request.id}/interactions`, { text: '' })).status).toBe(422);
    });

    it('adds notes as the specialist, reassigns back to the client with its assignment group, and keeps the history', async () => {
      const request = await create();
      const note = await admin('POST', `/support_requests/${request.id}/interactions`, { text: 'Replacement shipped.' });
      expect(note.status).toBe(201);
      expect(note.data.person).toMatchObject({ name_first: 'Sandy', name_last: 'Specialist' });
      await admin('POST', `/support_requests/${request.id}/state`, { state: 'awaiting_customer_response', note: 'Please confirm the IMEI.' });
      const reassigned = await admin('POST', `/support_requests/${request.id}/reassign`, { assignment_group: 'Service Desk' });
      expect(reassigned.data).toMatchObject({ state: 'reassigned', assignment_group: 'Service Desk' });
      expect(reassigned.data.interactions.map((i: { text: string }) => i.text).slice(1)).toEqual(['Replacement shipped.', 'Please confirm the IMEI.']);

      const history = (await admin('GET', `/support_requests/${request.id}/history`)).data;
      expect(history.map((c: { change: string; by: string }) => `${c.change} by ${c.by}`)).toEqual([
        'created by api',
        'interaction_created by specialist',
        'interaction_created by specialist',
        'state_changed by specialist',
        'reassigned by specialist',
      ]);
      expect(history.at(-1)).toMatchObject({ from_state: 'awaiting_customer_response', to_state: 'reassigned', assignment_group: 'Service Desk', external_source_id: request.external_source_id });
      expect((await call('GET', `/1/support_requests/${request.id}/history`)).data).toEqual(history);
      expect((await call('GET', `/1/support_requests/${request.id}/history`, { token: 'globex-token' })).status).toBe(404);
      const since = await call('GET', `/sandbox/tangoe/history`, { token: null, headers: ADMIN, params: { since: history[2].at, company: 'acme' } });
      expect(since.data.map((c: { change: string }) => c.change)).toEqual(['state_changed', 'reassigned']);
    });

    it('shows the requests on an HTML page with forms for each action, escaping what callers wrote', async () => {
      const hostile = await create({ external_source_id: '<script>alert("x")</script>', text: '<img src=x onerror=alert(1)>' });
      const page = await call('GET', '/sandbox/tangoe', { token: null });
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.data).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;');
      expect(page.data).not.toContain('<script>alert');
      expect(page.data).not.toContain('<img src=x');
      expect(page.data).toContain(`data-id="${hostile.id}" data-action="reassign"`);
      const listed = await admin('GET', '/support_requests?company=acme');
      expect(listed.data.some((r: { id: number; company: string }) => r.id === hostile.id && r.company === 'acme')).toBe(true);
    });
  });

  describe('PATCH /1/support_requests/{id} (the client cancels or closes: an assumption, docs/adr/0006)', () => {
    it('cancels with a note, which becomes the last interaction', async () => {
      const request = await create();
      const response = await call('PATCH', `/1/support_requests/${request.id}`, { data: { support_request: { state: 'canceled', note: 'Found the phone.' } } });
      expect(response.status).toBe(200);
      expect(response.data).toMatchObject({ state: 'canceled' });
      expect(response.data.interactions.at(-1).text).toBe('Found the phone.');
      expect(sandbox.tangoe.store.get(request.id)!.history.at(-1)).toMatchObject({ change: 'state_changed', by: 'api', to_state: 'canceled' });
    });

    it('closes, refuses other states (422) and other companies’ requests (404)', async () => {
      const request = await create();
      expect((await call('PATCH', `/1/support_requests/${request.id}`, { data: { support_request: { state: 'closed' } } })).data.state).toBe('closed');
      expect(await call('PATCH', `/1/support_requests/${request.id}`, { data: { support_request: { state: 'open' } } })).toMatchObject({ status: 422, data: { errors: { state: [expect.any(String)] } } });
      expect((await call('PATCH', `/1/support_requests/${request.id}`, { token: 'globex-token', data: { support_request: { state: 'canceled' } } })).status).toBe(404);
      expect(sandbox.tangoe.store.get(request.id)?.state).toBe('closed');
    });
  });

  describe('webhooks pushed to the company', () => {
    let receiver: Receiver;
    beforeAll(async () => (receiver = await startReceiver()));
    afterAll(() => receiver.close());
    beforeEach(async () => {
      receiver.received.length = 0;
      expect((await admin('PUT', '/webhooks', { company: 'acme', url: receiver.url, secret: 'acme-push-secret' })).status).toBe(200);
    });
    afterEach(() => admin('DELETE', '/webhooks/acme'));

    it('pushes state changes, interactions and reassignments with the full request, signed over the raw body', async () => {
      const request = await create();
      await admin('POST', `/support_requests/${request.id}/interactions`, { text: 'On it.' });
      await admin('POST', `/support_requests/${request.id}/state`, { state: 'externally_queued' });
      await admin('POST', `/support_requests/${request.id}/reassign`, { assignment_group: 'Service Desk' });
      await call('PATCH', `/1/support_requests/${request.id}`, { data: { support_request: { state: 'closed', note: 'Client closed.' } } });
      await waitFor(() => receiver.received.length === 4, { description: 'four pushes' });

      for (const push of receiver.received) {
        const expected = Buffer.from(`sha256=${createHmac('sha256', 'acme-push-secret').update(push.raw).digest('hex')}`);
        const given = Buffer.from(String(push.headers['x-tangoe-signature']));
        expect(given.length === expected.length && timingSafeEqual(given, expected)).toBe(true);
        expect(push.body.occurred_at).toMatch(ISO_MS);
        expect(push.body.support_request).toMatchObject({ id: request.id, external_source_id: request.external_source_id });
      }
      const events = receiver.received.map((p) => `${p.body.event}:${p.body.support_request.state}`);
      expect(events.sort()).toEqual(
        ['support_request.interaction_created:open', 'support_request.state_changed:externally_queued', 'support_request.reassigned:reassigned', 'support_request.state_changed:closed'].sort(),
      );
      await sandbox.tangoe.pusher.settled();
      const closing = receiver.received.find((p) => p.body.support_request.state === 'closed')!;
      expect(closing.body.support_request.interactions.at(-1).text).toBe('Client closed.');
      expect(sandbox.tangoe.pushes.filter((p) => p.supportRequestId === request.id).every((p) => p.status === 204 && !p.dropped)).toBe(true);
      expect((await admin('GET', '/webhooks')).data).toEqual({ dropPushes: false, webhooks: [{ company: 'acme', url: receiver.url, drop: false }] });
    });

    it('loses pushes when told to ("push lost"), and the poll still finds the change', async () => {
      const request = await create();
      expect((await admin('PUT', '/webhooks', { drop: true })).data.dropPushes).toBe(true);
      clock += 1_000;
      await admin('POST', `/support_requests/${request.id}/interactions`, { text: 'Only the poll will see this.' });
      await admin('PUT', '/webhooks', { drop: false });
      await admin('PUT', '/webhooks', { company: 'acme', drop: true });
      await admin('POST', `/support_requests/${request.id}/state`, { state: 'closed' });
      await sandbox.tangoe.pusher.settled();
      expect(receiver.received).toEqual([]);
      expect(sandbox.tangoe.pushes.filter((p) => p.supportRequestId === request.id).map((p) => `${p.event}:${p.dropped}`)).toEqual([
        'support_request.interaction_created:true',
        'support_request.state_changed:true',
      ]);
      const polled = await call('GET', '/1/support_requests', { params: { updated_at_gt: request.updated_at, external_source_id_eq: request.external_source_id } });
      expect(polled.data).toEqual([expect.objectContaining({ state: 'closed', interactions: expect.arrayContaining([expect.objectContaining({ text: 'Only the poll will see this.' })]) })]);

      await admin('PUT', '/webhooks', { company: 'acme', drop: false });
      await admin('POST', `/support_requests/${request.id}/state`, { state: 'canceled' });
      await waitFor(() => receiver.received.length === 1, { description: 'the push after the switch is off' });
    });

    it('pushes nothing for a company without a webhook, records an unreachable one, and refuses a bad configuration', async () => {
      const globex = await create({}, { token: 'globex-token' });
      await admin('POST', `/support_requests/${globex.id}/state`, { state: 'closed' });
      expect(sandbox.tangoe.pushes.filter((p) => p.supportRequestId === globex.id)).toEqual([]);

      await admin('PUT', '/webhooks', { company: 'globex', url: 'http://127.0.0.1:9/unreachable', secret: 's' });
      await admin('POST', `/support_requests/${globex.id}/state`, { state: 'canceled' });
      await sandbox.tangoe.pusher.settled();
      expect(sandbox.tangoe.pushes.filter((p) => p.supportRequestId === globex.id)).toEqual([expect.objectContaining({ status: 0, error: expect.any(String) })]);
      await admin('DELETE', '/webhooks/globex');

      expect(await admin('PUT', '/webhooks', { company: 'acme', url: 'ftp://x', secret: '' })).toMatchObject({ status: 422, data: { errors: { url: [expect.any(String)], secret: [expect.any(String)] } } });
    });
  });

  describe('fault injection', () => {
    it('answers 500/502/503 with errorRate 1 and stores nothing', async () => {
      expect((await admin('PUT', '/faults', { errorRate: 1, pathPrefix: '/1/support_requests' })).status).toBe(200);
      const externalSourceId = nextId();
      const statuses = new Set<number>();
      for (let i = 0; i < 12; i++) statuses.add((await call('POST', '/1/support_requests', { data: { support_request: attributes({ external_source_id: externalSourceId }) } })).status);
      expect([...statuses].every((s) => [500, 502, 503].includes(s))).toBe(true);
      expect(statuses.size).toBeGreaterThan(1);
      expect(stored(externalSourceId)).toEqual([]);
      const elsewhere = await call('POST', '/1/interactions', { data: { interaction: { interaction_thread_token: 'unknown', text: 'x' } } });
      expect(elsewhere.status).toBe(404);
      await admin('PUT', '/faults', {});
      expect((await call('POST', '/1/support_requests', { data: { support_request: attributes({ external_source_id: externalSourceId }) } })).status).toBe(201);
    });

    it('commits then drops: the client sees a socket error and the request is stored', async () => {
      await admin('PUT', '/faults', { commitThenDrop: 1, pathPrefix: '/1/support_requests', methods: ['POST'], next: 1 });
      const externalSourceId = nextId();
      const error = await axios.post(`${sandbox.url}/1/support_requests`, { support_request: attributes({ external_source_id: externalSourceId }) }, { headers: { 'API-Token': 'acme-token' } }).catch((e: unknown) => e);
      expect(axios.isAxiosError(error)).toBe(true);
      expect((error as { response?: unknown }).response).toBeUndefined();
      expect((error as { code?: string }).code).toMatch(/ECONNRESET|ERR_BAD_RESPONSE|ECONNABORTED/);
      expect(stored(externalSourceId)).toHaveLength(1);
      expect(sandbox.tangoe.requests.at(-1)).toMatchObject({ path: '/1/support_requests', apiUser: 'acme-api', fault: 'commit-then-drop', dropped: true, status: 0 });
      // `next: 1` spent: the lookup a careful client makes next is answered.
      const lookup = await call('GET', '/1/support_requests', { params: { external_source_id_eq: externalSourceId } });
      expect(lookup.data).toHaveLength(1);
    });

    it('commits then drops an interaction too: it is on the thread although the caller got no answer', async () => {
      const request = await create();
      sandbox.tangoe.faults.set({ commitThenDropRate: 1, pathPrefix: '/1/interactions', next: 1 });
      const outcome = await call('POST', '/1/interactions', { data: { interaction: { interaction_thread_token: request.interaction_thread.token, text: 'Did it arrive?' } } }).catch((e: unknown) => e);
      expect(axios.isAxiosError(outcome)).toBe(true);
      expect(sandbox.tangoe.store.get(request.id)!.interactions.at(-1)?.text).toBe('Did it arrive?');
    });

    it('adds random 429s with Retry-After that do not count against the GET limit', async () => {
      const granted = sandbox.tangoe.limiter.granted('acme-api');
      await admin('PUT', '/faults', { rateLimitRate: 1, next: 3 });
      for (let i = 0; i < 3; i++) {
        const response = await call('GET', '/1/support_requests', { params: { per_page: 1 } });
        expect(response.status).toBe(429);
        expect(response.headers['retry-after']).toBe('1');
      }
      expect(sandbox.tangoe.limiter.granted('acme-api')).toBe(granted);
      expect((await call('GET', '/1/support_requests', { params: { per_page: 1 } })).status).toBe(200);
    });

    it('repeats the same faults for the same seed', async () => {
      const run = async () => {
        await admin('PUT', '/faults', { errorRate: 0.5, seed: 1234, methods: ['GET'] });
        const statuses: number[] = [];
        for (let i = 0; i < 16; i++) statuses.push((await call('GET', '/1/support_requests', { params: { per_page: 1 } })).status);
        return statuses;
      };
      const first = await run();
      expect(new Set(first).size).toBeGreaterThan(1);
      expect(await run()).toEqual(first);
    });

    it('slows answers down with latencyMs', async () => {
      sandbox.tangoe.faults.set({ latencyMs: 150, next: 1 });
      const started = performance.now();
      expect((await call('GET', '/1/support_requests', { params: { per_page: 1 } })).status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    });

    it('refuses fault settings that make no sense', async () => {
      expect(await admin('PUT', '/faults', { errorRate: 2 })).toMatchObject({ status: 422, data: { errors: { errorRate: [expect.any(String)] } } });
      expect(await admin('PUT', '/faults', { errorRate: 0.7, commitThenDrop: 0.7 })).toMatchObject({ status: 422, data: { errors: { rates: [expect.any(String)] } } });
      expect((await admin('GET', '/faults')).data).toMatchObject({ errorRate: 0, commitThenDropRate: 0 });
    });
  });

  it('records every request: method, path, query, API user, status, time', async () => {
    const before = sandbox.tangoe.requests.length;
    await call('GET', '/1/support_requests', { params: { state_eq: 'open', per_page: 1 } });
    await call('GET', '/1/support_requests', { token: 'wrong' });
    expect(sandbox.tangoe.requests.slice(before)).toEqual([
      { at: clock, method: 'GET', path: '/1/support_requests', query: { state_eq: 'open', per_page: '1' }, apiUser: 'acme-api', status: 200 },
      { at: clock, method: 'GET', path: '/1/support_requests', query: {}, status: 401 },
    ]);
    const log = await admin('GET', '/requests?api_user=acme-api');
    expect(log.data.at(-1)).toMatchObject({ method: 'GET', apiUser: 'acme-api', status: 200 });
  });
});

interface Receiver {
  url: string;
  received: Array<{ headers: http.IncomingHttpHeaders; raw: string; body: any }>;
  close(): Promise<void>;
}

/** A client's webhook endpoint: keeps every push, raw body included, and answers 204. */
async function startReceiver(): Promise<Receiver> {
  const received: Receiver['received'] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: request.headers, raw, body: JSON.parse(raw) });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/tangoe/webhooks`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
