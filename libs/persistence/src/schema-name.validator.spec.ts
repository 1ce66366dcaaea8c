import { assertSchemaName, quoteIdentifier } from './schema-name.validator';

describe('schema names', () => {
  it.each(['ingress', 'tangoe_gateway', '_x', 'a1', 'a'.repeat(63)])('accepts %p', (name) => {
    expect(assertSchemaName(name)).toBe(name);
  });

  it.each(['', 'Ingress', '1abc', 'a-b', 'a"; drop schema public; --', 'a b', 'a'.repeat(64)])('refuses %p', (name) => {
    expect(() => assertSchemaName(name)).toThrow(expect.objectContaining({ code: 'invalid_configuration' }));
  });

  it('quotes identifiers, so reserved words work too', () => {
    expect(quoteIdentifier('user')).toBe('"user"');
    expect(quoteIdentifier('a"b')).toBe('"a""b"');
  });
});
