import type { Migration } from '@bridge/persistence';

/** The outbound-notifier's own schema (DESIGN.md §5). Append new versions; never edit an applied one. */
export const OUTBOUND_NOTIFIER_MIGRATIONS: readonly Migration[] = [];
