import { HeldKeys } from './held-keys';

describe('HeldKeys', () => {
  it('holds a key until every outstanding event of it is released', () => {
    const held = new HeldKeys();
    held.hold('a');
    held.hold('a');
    held.release('a');
    expect(held.isHeld('a')).toBe(true);
    held.release('a');
    expect(held.isHeld('a')).toBe(false);
    expect(held.size).toBe(0);
  });
});
