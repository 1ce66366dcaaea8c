import { OperatorSessions, operatorName } from './operator-sessions';

const TOKEN = 'an-admin-token-of-at-least-32-characters';

describe('OperatorSessions', () => {
  let now = 1_000_000;
  const sessions = new OperatorSessions(TOKEN, 60_000, () => now);

  it('verifies the cookie it issued, with the operator and the expiry', () => {
    const cookie = sessions.issue('ann');
    expect(sessions.verify(cookie)).toEqual({ operator: 'ann', expiresAt: new Date(now + 60_000) });
  });

  it('refuses a cookie past its expiry', () => {
    const cookie = sessions.issue('ann');
    now += 60_001;
    expect(sessions.verify(cookie)).toBeUndefined();
  });

  it('refuses a cookie whose payload was changed, one signed under another token, and junk', () => {
    const cookie = sessions.issue('ann');
    const [payload, mac] = cookie.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), o: 'root' })).toString('base64url');
    expect(sessions.verify(`${forged}.${mac}`)).toBeUndefined();
    expect(new OperatorSessions('another-admin-token-of-32-characters!', 60_000, () => now).verify(cookie)).toBeUndefined();
    for (const junk of [undefined, '', '.', 'a.b.c', `${payload}.`, `.${mac}`]) expect(sessions.verify(junk)).toBeUndefined();
  });

  it('derives a CSRF token per session that another session does not share', () => {
    const one = sessions.issue('ann');
    const other = sessions.issue('ann');
    expect(sessions.csrfTokenOf(one)).toBe(sessions.csrfTokenOf(one));
    expect(sessions.csrfTokenOf(one)).not.toBe(sessions.csrfTokenOf(other));
  });

  it('never puts the admin token in a cookie', () => {
    const cookie = sessions.issue('ann');
    expect(Buffer.from(cookie.split('.')[0], 'base64url').toString()).not.toContain(TOKEN);
    expect(cookie).not.toContain(TOKEN);
  });
});

describe('operatorName', () => {
  it('keeps a printable name, short, and refuses an empty one', () => {
    expect(operatorName('  Ann Smith ')).toBe('Ann Smith');
    expect(operatorName('a\u0000b\nc')).toBe('abc');
    expect(operatorName('x'.repeat(200))).toHaveLength(80);
    expect(operatorName('  \u0007 ')).toBeUndefined();
  });
});
