import { migrationLockKey } from './advisory-lock-key';

describe('migrationLockKey', () => {
  it('is a stable signed 64-bit integer per schema', () => {
    const key = BigInt(migrationLockKey('tangoe_gateway'));
    expect(migrationLockKey('tangoe_gateway')).toBe(key.toString());
    expect(key).toBeGreaterThanOrEqual(-(2n ** 63n));
    expect(key).toBeLessThan(2n ** 63n);
  });

  it('differs between schemas, so services migrate without waiting on each other', () => {
    expect(migrationLockKey('ingress')).not.toBe(migrationLockKey('outbound_notifier'));
  });
});
