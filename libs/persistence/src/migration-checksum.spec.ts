import { migrationChecksum } from './migration-checksum';

describe('migrationChecksum', () => {
  it('is the SHA-256 of the SQL: changing it would make every applied migration look edited', () => {
    expect(migrationChecksum({ sql: 'select 1' })).toBe('e004ebd5b5532a4b85984a62f8ad48a81aa3460c1ca07701f386135d72cdecf5');
  });

  it('ignores CRLF versus LF line endings', () => {
    expect(migrationChecksum({ sql: 'create table a ();\r\ncreate table b ();\r\n' })).toBe(migrationChecksum({ sql: 'create table a ();\ncreate table b ();\n' }));
  });

  it('changes with any other edit, whitespace included', () => {
    expect(migrationChecksum({ sql: 'select 1 ' })).not.toBe(migrationChecksum({ sql: 'select 1' }));
  });
});
