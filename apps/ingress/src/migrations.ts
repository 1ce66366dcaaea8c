import type { Migration } from '@bridge/persistence';

/** The ingress's own schema (DESIGN.md §5). Append new versions; never edit an applied one. */
export const INGRESS_MIGRATIONS: readonly Migration[] = [];
