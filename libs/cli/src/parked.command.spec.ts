import { AddressInfo } from 'node:net';
import http from 'node:http';
import { parkedCommand } from './parked.command';

/** A service's admin API as the CLI meets it: parked items listed, and replays answered 200 for the ids it holds, else 404. */
async function adminStub(items: Array<{ id: string }>) {
  const replays: string[] = [];
  const server = http.createServer((request, response) => {
    response.setHeader('content-type', 'application/json');
    if (request.headers.authorization !== 'Bearer t0ken') return void response.writeHead(401).end('{}');
    if (request.method === 'GET' && request.url === '/admin/parked') return void response.end(JSON.stringify(items));
    const id = decodeURIComponent(/^\/admin\/parked\/([^/]+)\/replay$/.exec(request.url ?? '')?.[1] ?? '');
    if (request.method === 'POST' && items.some((item) => item.id === id)) {
      replays.push(id);
      return void response.end(JSON.stringify({ id, status: 'replayed' }));
    }
    response.writeHead(404).end(JSON.stringify({ error: 'not_parked' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, replays, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe('bridge parked', () => {
  const settings = { ADMIN_TOKEN: 't0ken' };
  let gateway: Awaited<ReturnType<typeof adminStub>>;
  let notifier: Awaited<ReturnType<typeof adminStub>>;
  beforeAll(async () => {
    gateway = await adminStub([{ id: 'ticket_work:7' }, { id: 'dead_letters:ns.c.dlt.ns.g:0:1' }]);
    notifier = await adminStub([{ id: 'deliveries:3' }, { id: 'dead_letters:ns.t.dlt.ns.n:1:4' }]);
  });
  afterAll(async () => {
    await gateway.close();
    await notifier.close();
  });
  const urls = () => ({ gateway: gateway.url, notifier: notifier.url });

  it("lists every service's parked items as one list, each saying its service", async () => {
    expect(JSON.parse(await parkedCommand('list', urls(), settings))).toEqual([
      { id: 'ticket_work:7', service: 'gateway' },
      { id: 'dead_letters:ns.c.dlt.ns.g:0:1', service: 'gateway' },
      { id: 'deliveries:3', service: 'notifier' },
      { id: 'dead_letters:ns.t.dlt.ns.n:1:4', service: 'notifier' },
    ]);
  });

  it('needs both services for the list: one missing would look like nothing parked there', async () => {
    await expect(parkedCommand('list', { gateway: gateway.url }, settings)).rejects.toThrow('this needs the notifier: pass --notifier URL or set NOTIFIER_URL');
  });

  it('replays at the service the id names, and a dead letter at whichever service holds it', async () => {
    expect(JSON.parse(await parkedCommand('replay', { ...urls(), id: 'deliveries:3' }, settings))).toEqual({ id: 'deliveries:3', status: 'replayed', service: 'notifier' });
    expect(JSON.parse(await parkedCommand('replay', { ...urls(), id: 'dead_letters:ns.t.dlt.ns.n:1:4' }, settings))).toMatchObject({ service: 'notifier' });
    expect(JSON.parse(await parkedCommand('replay', { gateway: gateway.url, id: 'ticket_work:7' }, settings))).toMatchObject({ service: 'gateway' });
    expect(gateway.replays).toEqual(['ticket_work:7']);
    expect(notifier.replays).toEqual(['deliveries:3', 'dead_letters:ns.t.dlt.ns.n:1:4']);
  });

  it('says so when nothing holds the id, or the id names no line', async () => {
    await expect(parkedCommand('replay', { ...urls(), id: 'dead_letters:ns.x.dlt.ns.g:0:9' }, settings)).rejects.toThrow(/nothing parked has the id dead_letters:ns\.x\.dlt\.ns\.g:0:9 \(asked the gateway and the notifier\)/);
    await expect(parkedCommand('replay', { ...urls(), id: '42' }, settings)).rejects.toThrow(/"42" is no parked item's id/);
    await expect(parkedCommand('replay', urls(), settings)).rejects.toThrow(/replay needs the id/);
    await expect(parkedCommand('show', urls(), settings)).rejects.toThrow(/unknown parked action "show"/);
  });
});
