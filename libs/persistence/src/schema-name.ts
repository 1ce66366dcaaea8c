/** Schema names are interpolated into SQL (identifiers cannot be parameters), so only plain names pass. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) throw new TypeError(`schema name "${schema}" must match ${SCHEMA_NAME}`);
  return schema;
}
