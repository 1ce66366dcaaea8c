import { runCli } from './bridge-cli';

async function run(env: NodeJS.ProcessEnv, ...argv: string[]) {
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  const out: string[] = [];
  const err: string[] = [];
  try {
    const code = await runCli(argv, (t) => out.push(t), (t) => err.push(t));
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

describe('bridge drift', () => {
  const services = { ADMIN_TOKEN: 't', INGRESS_URL: 'http://127.0.0.1:9', GATEWAY_URL: 'http://127.0.0.1:9' };

  it('exits 2 saying what is missing, before asking any service', async () => {
    expect(await run(services, 'drift')).toMatchObject({ code: 2, err: 'drift needs --client ID' });
    expect(await run(services, 'drift', 'repair', '--client', 'acme')).toMatchObject({ code: 2, err: 'drift repair needs --ticket KEY' });
    expect(await run(services, 'drift', '--client', 'acme', '--since', 'last week')).toMatchObject({ code: 2, err: expect.stringContaining('is no date') });
    expect(await run(services, 'drift', 'mend', '--client', 'acme')).toMatchObject({ code: 2, err: expect.stringContaining('unknown drift action "mend"') });
    expect(await run({ ...services, INGRESS_URL: '' }, 'drift', '--client', 'acme')).toMatchObject({ code: 2, err: expect.stringContaining('pass --ingress URL or set INGRESS_URL') });
  });

  it('is in the usage', async () => {
    expect((await run({}, '--help')).out).toContain('bridge drift repair --client ID --ticket KEY');
  });
});
