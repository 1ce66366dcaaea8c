import type { Migration } from '@bridge/persistence';

/** The tangoe-gateway's own schema (DESIGN.md §5). Append new versions; never edit an applied one. */
export const TANGOE_GATEWAY_MIGRATIONS: readonly Migration[] = [];
