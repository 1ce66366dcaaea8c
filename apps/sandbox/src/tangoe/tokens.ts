export const TANGOE_SANDBOX = Symbol('TangoeSandbox');
