import { validateMigrations } from './migration-list.validator';
import { PersistenceError } from './persistence-error';

const m = (version: number, name = `step ${version}`, sql = 'select 1') => ({ version, name, sql });

function failure(list: Parameters<typeof validateMigrations>[0]): PersistenceError {
  try {
    validateMigrations(list);
  } catch (error) {
    return error as PersistenceError;
  }
  throw new Error('expected the list to be refused');
}

describe('validateMigrations', () => {
  it('accepts an empty list and strictly increasing versions, gaps included', () => {
    expect(() => validateMigrations([])).not.toThrow();
    expect(() => validateMigrations([m(1), m(2), m(5)])).not.toThrow();
  });

  it('refuses a duplicated version, naming both migrations', () => {
    const error = failure([m(1, 'links'), m(2, 'cursors'), m(2, 'parked')]);
    expect(error).toBeInstanceOf(PersistenceError);
    expect(error.code).toBe('migrations_invalid');
    expect(error.retriable).toBe(false);
    expect(error.message).toMatch(/migration 2 "parked" duplicates version 2 \("cursors"\)/);
  });

  it('refuses versions that go down, naming the migration out of place', () => {
    expect(failure([m(1), m(3, 'three'), m(2, 'two')]).message).toMatch(/migration 2 "two" comes after 3 "three"/);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses version %p', (version) => {
    expect(failure([m(version, 'odd')]).message).toMatch(/"odd" has an invalid version/);
  });

  it('refuses a migration without a name or without SQL', () => {
    expect(failure([m(1, ' ')]).message).toMatch(/migration 1 has no name/);
    expect(failure([m(1, 'empty', '  \n')]).message).toMatch(/migration 1 "empty" has no SQL/);
  });
});
