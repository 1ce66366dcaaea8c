import { KeysInRetry } from './keys-in-retry';

describe('KeysInRetry', () => {
  it('keeps a key in retry until each of its events in the retry topic has left', () => {
    const keys = new KeysInRetry();
    keys.enter('a');
    keys.enter('a');
    keys.leave('a');
    expect(keys.hasRetry('a')).toBe(true);
    keys.leave('a');
    expect(keys.hasRetry('a')).toBe(false);
    expect(keys.size).toBe(0);
  });
});
