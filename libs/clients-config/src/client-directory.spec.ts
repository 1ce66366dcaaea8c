import { ClientDirectory } from './client-directory';
import { parseClientsFile } from './load-clients-file';

const entry = (id: string, extra = '') => `
  - id: ${id}
    itsm: servicenow${extra}
    inbound: { type: hmac, secret: { env: HOOK } }
    mapping: { defaultRequestType: Tech Support }
    tangoe:
      baseUrl: http://127.0.0.1:3100
      apiUser: ${id}-api
      auth: { type: api-token, token: { env: ${id.toUpperCase()}_TOKEN } }`;

const fileOf = (...entries: string[]) => parseClientsFile(`version: 1\nclients:${entries.join('')}\n`, 'clients.yaml', { knownItsms: ['servicenow'], env: {}, checkSecrets: false });
const version = (sha256: string) => ({ sha256, loadedAt: new Date() });

describe('ClientDirectory.replace', () => {
  it('puts the new clients in place and says which were added, changed and removed', async () => {
    const directory = new ClientDirectory(fileOf(entry('acme'), entry('globex'), entry('initech')), version('a'));
    const { change } = await directory.replace(fileOf(entry('acme'), entry('globex', '\n    name: Globex Corp'), entry('umbrella')), version('b'));
    expect(change).toEqual({ added: ['umbrella'], changed: ['globex'], removed: ['initech'] });
    expect(directory.ids().sort()).toEqual(['acme', 'globex', 'umbrella']);
    expect(directory.get('initech')).toBeUndefined();
    expect(directory.get('globex')?.name).toBe('Globex Corp');
    expect(directory.version?.sha256).toBe('b');
  });

  it('keeps the very entry of a client the file left as it was, so what was built from it goes on serving', async () => {
    const directory = new ClientDirectory(fileOf(entry('acme'), entry('globex')), version('a'));
    const acme = directory.get('acme');
    const globex = directory.get('globex');
    // The same settings written in another order are the same client.
    const reordered = entry('acme').replace('    itsm: servicenow\n    inbound: { type: hmac, secret: { env: HOOK } }', '    inbound: { secret: { env: HOOK }, type: hmac }\n    itsm: servicenow');
    await directory.replace(fileOf(reordered, entry('globex', '\n    name: Globex')), version('b'));
    expect(directory.get('acme')).toBe(acme);
    expect(directory.get('globex')).not.toBe(globex);
  });

  it('counts a client disabled by the new file as removed, and enabled again as added', async () => {
    const directory = new ClientDirectory(fileOf(entry('acme'), entry('globex')), version('a'));
    expect((await directory.replace(fileOf(entry('acme'), entry('globex', '\n    enabled: false')), version('b'))).change).toEqual({ added: [], changed: [], removed: ['globex'] });
    expect(directory.get('globex')).toBeUndefined();
    expect((await directory.replace(fileOf(entry('acme'), entry('globex')), version('c'))).change).toEqual({ added: ['globex'], changed: [], removed: [] });
  });

  it('tells its listeners after the swap, returns the failure of one without undoing the file, and stops telling one that left', async () => {
    const directory = new ClientDirectory(fileOf(entry('acme')), version('a'));
    const seen: string[][] = [];
    directory.onChange((change) => {
      // A listener sees the new clients already in place.
      seen.push([...change.added, ...directory.ids()]);
    });
    const leave = directory.onChange(async () => {
      throw new Error('cannot seed');
    });
    const first = await directory.replace(fileOf(entry('acme'), entry('globex')), version('b'));
    expect(seen).toEqual([['globex', 'acme', 'globex']]);
    expect(first.failures.map((failure) => failure.message)).toEqual(['cannot seed']);
    expect(directory.get('globex')).toBeDefined();

    leave();
    const second = await directory.replace(fileOf(entry('globex')), version('c'));
    expect(second.failures).toEqual([]);
    expect(seen).toHaveLength(2);
  });

  it('tells a listener that failed again at the next retry, until it succeeds', async () => {
    const directory = new ClientDirectory(fileOf(entry('acme')), version('a'));
    let down = true;
    const seeded: string[] = [];
    directory.onChange(async (change) => {
      if (down) throw new Error('database down');
      seeded.push(...change.added);
    });
    expect((await directory.replace(fileOf(entry('acme'), entry('globex')), version('b'))).failures).toHaveLength(1);
    expect((await directory.retryFailedListeners()).map((failure) => failure.message)).toEqual(['database down']);
    down = false;
    expect(await directory.retryFailedListeners()).toEqual([]);
    expect(seeded).toEqual(['globex']);
    expect(await directory.retryFailedListeners()).toEqual([]);
    expect(seeded).toEqual(['globex']);
  });

  it('tells nobody when no client changed (a comment, the order of the entries)', async () => {
    const directory = new ClientDirectory(fileOf(entry('acme'), entry('globex')), version('a'));
    const listener = jest.fn();
    directory.onChange(listener);
    const { change } = await directory.replace(fileOf(entry('globex'), entry('acme')), version('b'));
    expect(change).toEqual({ added: [], changed: [], removed: [] });
    expect(listener).not.toHaveBeenCalled();
    expect(directory.version?.sha256).toBe('b');
  });
});
