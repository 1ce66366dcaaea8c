import { migrationChecksum } from './migration-checksum';
import { planMigrations, type AppliedMigration } from './migration-plan';
import { PersistenceError } from './persistence-error';

const m = (version: number, sql = `create table t${version} ()`) => ({ version, name: `step ${version}`, sql });
const applied = (migration: ReturnType<typeof m>): AppliedMigration => ({ version: migration.version, name: migration.name, checksum: migrationChecksum(migration) });

describe('planMigrations', () => {
  const list = [m(1), m(2), m(3)];

  it('applies everything, in order, to a fresh schema', () => {
    expect(planMigrations(list, [], 'svc').map((x) => x.version)).toEqual([1, 2, 3]);
  });

  it('applies only what is missing, and nothing once all are recorded', () => {
    expect(planMigrations(list, [applied(list[0])], 'svc').map((x) => x.version)).toEqual([2, 3]);
    expect(planMigrations(list, list.map(applied), 'svc')).toEqual([]);
  });

  it('refuses an applied migration whose SQL changed, naming it and the schema', () => {
    const edited = [list[0], m(2, 'create table t2 (id int)'), list[2]];
    expect(() => planMigrations(edited, list.map(applied), 'gateway')).toThrow(
      expect.objectContaining({ code: 'migration_changed', retriable: false, message: expect.stringMatching(/migration 2 "step 2" of schema gateway was changed/) }),
    );
  });

  it('refuses a new migration slotted below one already applied', () => {
    const error = (() => {
      try {
        planMigrations([m(1), m(2), m(3)], [applied(m(1)), applied(m(3))], 'svc');
      } catch (e) {
        return e as PersistenceError;
      }
    })();
    expect(error?.code).toBe('migration_changed');
    expect(error?.message).toMatch(/migration 2 "step 2" of schema svc is new but version 3 is already applied/);
  });

  it('tolerates versions applied by a newer replica that this code does not know yet', () => {
    expect(planMigrations([m(1)], [applied(m(1)), applied(m(2))], 'svc')).toEqual([]);
  });
});
