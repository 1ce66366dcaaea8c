import { AccessTokens } from './access-tokens';

const users = [{ name: 'acme-api', company: 'acme', apiToken: 't', clientId: 'cid', clientSecret: 'csecret' }];
const request = { client_id: 'cid', client_secret: 'csecret', subject: 'bridge', grant_type: 'client_credentials' };

describe('AccessTokens (v2 client credentials)', () => {
  let now = Date.parse('2026-11-24T10:00:00Z');
  const tokens = new AccessTokens(users, 'secret', () => new Date(now));

  it('issues a 30-minute bearer token that stands for the API user until it expires', () => {
    const { token } = tokens.issue(request);
    expect(token).toMatchObject({ token_type: 'Bearer', expires_in: 1800, expires_at: now / 1000 + 1800 });
    expect(tokens.userOf(token!.access_token).user?.name).toBe('acme-api');
    now += 1799 * 1000;
    expect(tokens.userOf(token!.access_token).user?.name).toBe('acme-api');
    now += 1000;
    expect(tokens.userOf(token!.access_token)).toEqual({ problem: 'bearer token expired' });
  });

  it('says why it refuses', () => {
    expect(tokens.issue({ ...request, client_secret: 'wrong' }).problem).toBe('invalid_client');
    expect(tokens.issue({ ...request, client_id: 'nobody' }).problem).toBe('invalid_client');
    expect(tokens.issue({ ...request, grant_type: 'password' }).problem).toBe('unsupported_grant_type');
    expect(tokens.issue({ client_id: 'cid', client_secret: 'csecret', grant_type: 'client_credentials' }).problem).toBe('invalid_request');
    expect(tokens.issue(undefined).problem).toBe('invalid_request');
    expect(new AccessTokens(users, 'other-secret', () => new Date(now)).userOf(tokens.issue(request).token!.access_token).problem).toBe('bearer token invalid');
  });
});
