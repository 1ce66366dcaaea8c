/** Nest injection token of the one `TangoeSandbox` a module serves. */
export const TANGOE_SANDBOX = Symbol('TangoeSandbox');
