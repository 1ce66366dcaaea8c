import type { AdminPeer } from '@bridge/drift';
import { BothWaysHalfDone, pauseBothWays, resumeBothWays } from './both-ways-pause';

/** A service that records what it was asked, and answers or fails as the test says. */
function service(name: string, calls: string[], fail = false): AdminPeer {
  return {
    get: async () => undefined,
    post: async (path, body) => {
      calls.push(`${name} ${path} ${JSON.stringify(body ?? null)}`);
      if (fail) throw new Error(`${name} did not answer`);
      return { status: 'ok' };
    },
  };
}

describe('pauseBothWays and resumeBothWays', () => {
  it('pause toward the ITSM first and resume toward it last', async () => {
    const calls: string[] = [];
    const services = { gateway: service('gateway', calls), notifier: service('notifier', calls) };
    await pauseBothWays(services, 'acme', 'ITSM upgrade');
    await resumeBothWays(services, 'acme');
    expect(calls).toEqual([
      'notifier /admin/clients/acme/pause {"reason":"ITSM upgrade"}',
      'gateway /admin/clients/acme/pause {"reason":"ITSM upgrade"}',
      'gateway /admin/clients/acme/resume null',
      'notifier /admin/clients/acme/resume null',
    ]);
  });

  it('stop at the first failure, having asked the second service nothing', async () => {
    const calls: string[] = [];
    await expect(pauseBothWays({ gateway: service('gateway', calls), notifier: service('notifier', calls, true) }, 'acme')).rejects.toThrow('notifier did not answer');
    expect(calls).toEqual(['notifier /admin/clients/acme/pause {}']);
  });

  it('say so when the second service failed after the first took it: the client is held one way only', async () => {
    const calls: string[] = [];
    const pause = pauseBothWays({ gateway: service('gateway', calls, true), notifier: service('notifier', calls) }, 'acme');
    await expect(pause).rejects.toThrow(BothWaysHalfDone);
    await expect(pause).rejects.toThrow(/^acme is paused toward its ITSM \(the notifier\) but not toward Tangoe: gateway did not answer/);
    const resume = resumeBothWays({ gateway: service('gateway', calls), notifier: service('notifier', calls, true) }, 'acme');
    await expect(resume).rejects.toMatchObject({ code: 'half_done', done: { gateway: { status: 'ok' } } });
  });
});
