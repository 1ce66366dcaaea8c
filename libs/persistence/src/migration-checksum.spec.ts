import { migrationChecksum } from './migration-checksum';

describe('migrationChecksum', () => {
  it('is the SHA-256 of the SQL: changing it would make every applied migration look edited', () => {
    expect(migrationChecksum({ sql: 'select 1' })).toBe('822ae07d4783158bc1912bb623e5107cc9002d519e1143a9c200ed6ee18b6d0f');
  });

  it('ignores CRLF versus LF line endings', () => {
    expect(migrationChecksum({ sql: 'create table a ();\r\ncreate table b ();\r\n' })).toBe(migrationChecksum({ sql: 'create table a ();\ncreate table b ();\n' }));
  });

  it('changes with any other edit, whitespace included', () => {
    expect(migrationChecksum({ sql: 'select 1 ' })).not.toBe(migrationChecksum({ sql: 'select 1' }));
  });
});
