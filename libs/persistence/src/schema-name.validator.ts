import { PersistenceError } from './persistence-error';

/** Schema names end up inside SQL text (identifiers cannot be bound as parameters), so only plain names pass. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertSchemaName(schema: string): string {
  if (typeof schema !== 'string' || !SCHEMA_NAME.test(schema)) {
    throw new PersistenceError('invalid_configuration', `schema name ${JSON.stringify(schema)} must match ${SCHEMA_NAME}`);
  }
  return schema;
}

/** Quoted as well as validated: a valid name may still be a reserved word such as `user` or `order`. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
