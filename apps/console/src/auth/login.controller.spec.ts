import type { Request, Response } from 'express';
import { ADMIN_FAILED_ATTEMPTS_PER_MINUTE } from '@bridge/platform';
import { ConsoleSettings } from '../console-settings';
import type { ConsoleViews } from '../views/console-views';
import type { AuditEntry, AuditLog } from './audit-log';
import { LoginController } from './login.controller';
import { OperatorSessions } from './operator-sessions';

const TOKEN = 'the-admin-token-of-this-test-0123456789';

/** What the controller answered: its status, where it sent the browser, and the cookie it set. */
interface Answer {
  status: number;
  location?: string;
  cookie?: string;
}

function answering(): { response: Response; answer: Answer } {
  const answer: Answer = { status: 200 };
  const response = {
    status(code: number) {
      answer.status = code;
      return this;
    },
    type() {
      return this;
    },
    send() {
      return this;
    },
    cookie(_name: string, value: string) {
      answer.cookie = value;
      return this;
    },
    redirect(code: number, location: string) {
      answer.status = code;
      answer.location = location;
    },
  } as unknown as Response;
  return { response, answer };
}

describe('LoginController', () => {
  const audit: AuditEntry[] = [];
  const settings = Object.assign(new ConsoleSettings(), { ADMIN_TOKEN: TOKEN, CONSOLE_SECURE_COOKIE: true, CONSOLE_SESSION_MINUTES: 60 });
  const sessions = new OperatorSessions(TOKEN, 3_600_000);
  const views = { render: async () => '<html></html>' } as unknown as ConsoleViews;
  const controller = new LoginController(sessions, views, { record: (entry: AuditEntry) => audit.push(entry) } as unknown as AuditLog, settings);
  const signIn = async (token: string, address: string, next?: string) => {
    const { response, answer } = answering();
    await controller.signIn({ operator: 'Ann', token, next }, { socket: { remoteAddress: address } } as unknown as Request, response);
    return answer;
  };

  it('signs in with the admin token, back to a path of the console only, with a session the token signs', async () => {
    const answer = await signIn(TOKEN, '10.0.0.1', '/waiting?client=acme');
    expect(answer).toMatchObject({ status: 303, location: '/waiting?client=acme' });
    expect(sessions.verify(answer.cookie)?.operator).toBe('Ann');
    for (const elsewhere of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)']) {
      expect((await signIn(TOKEN, '10.0.0.1', elsewhere)).location).toBe('/clients');
    }
  });

  it('refuses a wrong token, and an address past ten wrong ones in a minute even with the right one', async () => {
    for (let attempt = 0; attempt < ADMIN_FAILED_ATTEMPTS_PER_MINUTE; attempt += 1) expect((await signIn('wrong', '10.0.0.2')).status).toBe(401);
    expect((await signIn('wrong', '10.0.0.2')).status).toBe(429);
    expect((await signIn(TOKEN, '10.0.0.2')).status).toBe(429);
    // Another address is not held by this one's count.
    expect((await signIn(TOKEN, '10.0.0.3')).status).toBe(303);
    expect(audit.filter((entry) => entry.outcome === 'refused')).toHaveLength(ADMIN_FAILED_ATTEMPTS_PER_MINUTE);
  });
});
