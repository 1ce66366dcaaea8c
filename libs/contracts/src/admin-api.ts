/**
 * The header in which a caller of the admin API names its operator (the CLI sends `login@host`): the audit log's
 * "who", with the caller's address. What a caller says of itself, never used to decide access (docs/security.md).
 */
export const ADMIN_OPERATOR_HEADER = 'x-bridge-operator';
